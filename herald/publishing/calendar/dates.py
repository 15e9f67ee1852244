"""Calendar arithmetic in the council's time zone (settings.TIME_ZONE, Europe/London): weeks
start on Monday, times are wall-clock times there, stored in UTC."""

from __future__ import annotations

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, local_zone())


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The aware moment of ``time`` on ``day`` in the council's zone (a clock time that a
    change to summer time skips is moved on by the gap, as zoneinfo does with fold=0)."""
    naive = datetime.datetime.combine(day, time)
    aware = naive.replace(tzinfo=local_zone())
    # Round-trip through UTC so a skipped time lands on a real one.
    return aware.astimezone(datetime.UTC).astimezone(local_zone())


def start_of_day(day: datetime.date) -> datetime.datetime:
    return at(day, datetime.time(0, 0))


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int, *, keep_day: int | None = None) -> datetime.date:
    """``day`` moved on ``months`` months; ``keep_day`` (the series' own day of the month) is
    clamped to the last day of a shorter month: the 31st becomes 30 April, 28 or 29 February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(keep_day or day.day, last))


def days_in_month(day: datetime.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def today() -> datetime.date:
    return local(timezone.now()).date()


def parse_month(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text[:7], "%Y-%m").date()
    except ValueError:
        return None


def parse_day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
