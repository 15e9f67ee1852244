"""Windows are aligned on multiples of their length since the Unix epoch (a day's window starts at
midnight UTC), so every sweep names the same window the same way and the alert stays one."""

from __future__ import annotations

import datetime

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def window_start(at: datetime.datetime, minutes: int) -> datetime.datetime:
    length = minutes * 60
    seconds = int((at - EPOCH).total_seconds())
    return EPOCH + datetime.timedelta(seconds=seconds - seconds % length)


def recent_windows(
    now: datetime.datetime, minutes: int, count: int
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The window now runs in (partly over: a spike under way counts) and the ``count - 1``
    before it, oldest first."""
    current = window_start(now, minutes)
    step = datetime.timedelta(minutes=minutes)
    starts = [current - step * back for back in range(count - 1, -1, -1)]
    return [(start, start + step) for start in starts]
