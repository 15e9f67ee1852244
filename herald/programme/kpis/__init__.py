"""The KPIs for the Strategy's three aims (report ¶17), each with its definition, target and
monthly trend, computed for a period from the other contexts' own data and the programme's."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from herald.programme import selectors
from herald.programme.kpis.base import Aim, Kpi, Unit, show
from herald.programme.kpis.participation import participation_kpis
from herald.programme.kpis.reputation import reputation_kpis
from herald.programme.kpis.value import inbox_months, value_kpis

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.programme.periods import Period

__all__ = ["KPI_UNITS", "Aim", "Kpi", "Unit", "all_kpis", "show"]

# Every KPI's key and unit, for setting targets without working the figures out.
KPI_UNITS: dict[str, Unit] = {
    "contacts_handled": Unit.COUNT,
    "estimated_savings": Unit.POUNDS,
    "spend_against_budget": Unit.PERCENT,
    "net_sentiment": Unit.NET,
    "response_within_target": Unit.PERCENT,
    "satisfaction": Unit.SCORE,
    "service_clicks": Unit.COUNT,
    "audience_growth": Unit.PERCENT,
    "consultation_engagement": Unit.COUNT,
    "registrations": Unit.COUNT,
    "livestream_views": Unit.COUNT,
}


def all_kpis(*, council: Council, period: Period) -> list[Kpi]:
    """Every KPI for ``period``, in the order of the aims."""
    months = inbox_months(council=council, period=period)
    found = [
        *value_kpis(council=council, period=period, inbox_months=months),
        *reputation_kpis(council=council, period=period, inbox_months=months),
        *participation_kpis(council=council, period=period),
    ]
    own = selectors.kpi_targets(council=council)
    return [with_target(kpi, own[kpi.key]) if kpi.key in own else kpi for kpi in found]


def with_target(kpi: Kpi, value: float) -> Kpi:
    """The KPI measured against the council's own target rather than Herald's default."""
    words = "At least" if kpi.higher_is_better else "At most"
    return replace(
        kpi, target=value, target_text=f"{words} {show(value, kpi.unit)} (the council's target)"
    )
