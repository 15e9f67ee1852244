"""What a KPI is: a figure for the period with its definition, target and monthly trend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class Aim(StrEnum):
    """The Strategy's three aims (report ¶17)."""

    VALUE = "value"
    REPUTATION = "reputation"
    PARTICIPATION = "participation"

    @property
    def label(self) -> str:
        return {
            Aim.VALUE: "Achieve value for money and cost savings",
            Aim.REPUTATION: "Increase positive reputation through customer satisfaction and "
            "service take-up",
            Aim.PARTICIPATION: "Increase participation in the democratic process",
        }[self]


class Unit(StrEnum):
    PERCENT = "percent"
    POUNDS = "pounds"
    COUNT = "count"
    SCORE = "score"  # satisfaction, 1 to 5
    NET = "net"  # net sentiment, -100 to 100


@dataclass(frozen=True)
class Kpi:
    key: str
    aim: Aim
    name: str
    definition: str
    unit: Unit
    value: float | None
    target: float | None
    target_text: str
    no_data: str
    trend: list[tuple[datetime.date, float | None]] = field(default_factory=list)
    higher_is_better: bool = True
    # Extra rows for the report's table (label, figure), e.g. contacts by outcome.
    breakdown: list[tuple[str, str]] = field(default_factory=list)
    # The monthly series' own unit when it differs (spend to date in pounds, followers).
    trend_unit: Unit | None = None

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


def show(value: float | None, unit: Unit) -> str:
    """A figure as the committee reads it."""
    if value is None:
        return "No data"
    match unit:
        case Unit.PERCENT:
            return f"{value:.0f}%"
        case Unit.POUNDS:
            return f"£{value:,.2f}" if abs(value) < 1000 else f"£{value:,.0f}"
        case Unit.SCORE:
            return f"{value:.1f} out of 5"
        case Unit.NET:
            return f"{value:+.0f}"
        case _:
            return f"{value:,.0f}"


def share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None
