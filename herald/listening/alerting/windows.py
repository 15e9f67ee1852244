"""Alert windows on the council's clock (``TIME_ZONE``, Europe/London): a day's window runs from
local midnight to local midnight, a 6-hour window from 00:00, 06:00, 12:00 and 18:00 local time,
so "today's" spike is the day residents and officers mean, in British Summer Time too.

Windows are aligned on multiples of their length counted in wall-clock time since 1 January 1970
(local), so every sweep names the same window the same way and the alert stays one. Across a
clock change a window is an hour shorter or longer, as the dashboard's days are: the day the
clocks go forward has 23 hours (its 01:00 hour is empty) and the day they go back 25 (its 01:00
hour lasts two).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

LOCAL_EPOCH = datetime.datetime(1970, 1, 1)  # naive: wall-clock time


def _zone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def _aware(wall: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    """A wall-clock time in ``zone`` as a UTC time (so arithmetic on it is real time, not the
    wall clock's); one that never happened (skipped when the clocks went forward) is the moment
    the clocks jumped past it."""
    aware = wall.replace(tzinfo=zone)
    back = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if back != wall:  # in the gap (an hour in the UK; windows are whole hours): its end
        aware = (wall + datetime.timedelta(hours=1)).replace(tzinfo=zone)
    return aware.astimezone(datetime.UTC)


def _wall_start(at: datetime.datetime, minutes: int, zone: datetime.tzinfo) -> datetime.datetime:
    wall = at.astimezone(zone).replace(tzinfo=None)
    length = minutes * 60
    seconds = int((wall - LOCAL_EPOCH).total_seconds())
    return LOCAL_EPOCH + datetime.timedelta(seconds=seconds - seconds % length)


def window_start(at: datetime.datetime, minutes: int) -> datetime.datetime:
    zone = _zone()
    return _aware(_wall_start(at, minutes, zone), zone)


def recent_windows(
    now: datetime.datetime, minutes: int, count: int
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The window now runs in (partly over: a spike under way counts) and the ``count - 1``
    before it, oldest first."""
    zone = _zone()
    current = _wall_start(now, minutes, zone)
    step = datetime.timedelta(minutes=minutes)
    starts = [current - step * back for back in range(count - 1, -1, -1)]
    return [(_aware(start, zone), _aware(start + step, zone)) for start in starts]
