"""Working time for response targets: office hours per weekday in UK local time, less the bank
holidays of the council's nation (England and Wales, Scotland or Northern Ireland).

Pure functions over a ``WorkingCalendar``; nothing here reads the database, so the inbox's targets,
its out-of-hours acknowledgement and the FOI clock all count time the same way.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
# The holidays package's subdivisions of the UK for each choice of InboxSettings.BankHolidays.
_SUBDIVISION = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
DEFAULT_HOURS: dict[str, list[str] | None] = {
    **{str(day): ["09:00", "17:00"] for day in range(5)},
    "5": None,
    "6": None,
}
_MAX_DAYS = 3660  # ten years: a target further away than that is a configuration error


def _clock(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


@lru_cache(maxsize=64)
def _bank_holidays(region: str, year: int) -> frozenset[datetime.date]:
    found = holidays.country_holidays("GB", subdiv=_SUBDIVISION[region], years=year)
    return frozenset(found.keys())


@dataclass(frozen=True)
class WorkingCalendar:
    """``office_hours`` as stored on InboxSettings: {"0": ["08:30", "17:00"], …, "6": null}."""

    office_hours: dict[str, list[str] | None] = field(default_factory=lambda: DEFAULT_HOURS)
    region: str = "england-and-wales"

    def hours_on(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """The office's opening and closing (aware, UTC) on ``day``, or None when closed."""
        if day in _bank_holidays(self.region, day.year):
            return None
        hours = (self.office_hours or DEFAULT_HOURS).get(str(day.weekday()))
        if not hours:
            return None
        opens, closes = (datetime.datetime.combine(day, _clock(h), LONDON) for h in hours)
        if closes <= opens:
            return None
        return opens.astimezone(datetime.UTC), closes.astimezone(datetime.UTC)

    def is_working_time(self, at: datetime.datetime) -> bool:
        window = self.hours_on(at.astimezone(LONDON).date())
        return window is not None and window[0] <= at < window[1]

    def is_working_day(self, day: datetime.date) -> bool:
        return self.hours_on(day) is not None

    def add_working_hours(self, start: datetime.datetime, hours: float) -> datetime.datetime:
        """The moment ``hours`` of office time after ``start`` (a target's deadline)."""
        remaining = datetime.timedelta(hours=hours)
        day = start.astimezone(LONDON).date()
        for _ in range(_MAX_DAYS):
            window = self.hours_on(day)
            if window is not None:
                begin = max(window[0], start)
                if begin < window[1]:
                    if begin + remaining <= window[1]:
                        return begin + remaining
                    remaining -= window[1] - begin
            day += datetime.timedelta(days=1)
        raise ValueError("No office hours within ten years: check the council's office hours")

    def working_hours_between(self, start: datetime.datetime, end: datetime.datetime) -> float:
        """Office hours elapsed from ``start`` to ``end`` (0 if end is not after start)."""
        total = datetime.timedelta()
        day = start.astimezone(LONDON).date()
        last = end.astimezone(LONDON).date()
        while day <= last:
            window = self.hours_on(day)
            if window is not None:
                begin, finish = max(window[0], start), min(window[1], end)
                if finish > begin:
                    total += finish - begin
            day += datetime.timedelta(days=1)
        return total.total_seconds() / 3600

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The working day ``days`` working days after ``start`` (the FOI clock: 20)."""
        day, counted = start, 0
        while counted < days:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day
