"""Report periods: whole days in the council's time zone, split into calendar months."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: datetime.date
    end: datetime.date

    @property
    def starts_at(self) -> datetime.datetime:
        return midnight(self.start)

    @property
    def ends_at(self) -> datetime.datetime:
        """The moment after the period (exclusive)."""
        return midnight(self.end + datetime.timedelta(days=1))

    @property
    def months(self) -> list[datetime.date]:
        """The first day of each calendar month the period touches."""
        out = []
        month = self.start.replace(day=1)
        while month <= self.end:
            out.append(month)
            month = next_month(month)
        return out

    @property
    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @classmethod
    def months_to(cls, end: datetime.date, count: int) -> Period:
        """The ``count`` whole calendar months ending with ``end``'s month."""
        first = end.replace(day=1)
        for _ in range(count - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return cls(start=first, end=next_month(end.replace(day=1)) - datetime.timedelta(days=1))


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def financial_year(day: datetime.date) -> int:
    """The year a UK council's financial year (April to March) containing ``day`` starts."""
    return day.year if day.month >= 4 else day.year - 1
