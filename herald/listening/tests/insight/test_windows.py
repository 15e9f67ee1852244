"""Alert windows on the council's clock (Europe/London): local midnights and quarter-days, the
same window whatever instant names it, and contiguous across the clocks changing."""

from __future__ import annotations

import datetime
import itertools

from herald.listening.alerting.windows import recent_windows, window_start

UTC = datetime.UTC


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_a_days_window_starts_at_local_midnight_in_summer_and_winter() -> None:
    assert window_start(at(2026, 7, 15, 10, 30), 1440) == at(2026, 7, 14, 23)  # 00:00 BST
    assert window_start(at(2026, 7, 14, 22, 59), 1440) == at(2026, 7, 13, 23)
    assert window_start(at(2026, 1, 15, 10, 30), 1440) == at(2026, 1, 15, 0)  # 00:00 GMT
    assert window_start(at(2026, 7, 15, 5, 30), 360) == at(2026, 7, 15, 5)  # 06:00 BST
    for minute in range(0, 1440, 97):  # every instant of the local day names the same window
        moment = at(2026, 7, 14, 23) + datetime.timedelta(minutes=minute)
        assert window_start(moment, 1440) == at(2026, 7, 14, 23)


def _contiguous(windows: list[tuple[datetime.datetime, datetime.datetime]]) -> bool:
    return all(end == following[0] for (_, end), following in itertools.pairwise(windows))


def test_days_are_23_and_25_hours_long_when_the_clocks_change() -> None:
    spring = recent_windows(at(2026, 3, 30, 12), 1440, 3)
    assert [end - start for start, end in spring] == [
        datetime.timedelta(hours=24),
        datetime.timedelta(hours=23),  # Sunday 29 March: clocks forward at 01:00 GMT
        datetime.timedelta(hours=24),
    ]
    assert spring[1] == (at(2026, 3, 29, 0), at(2026, 3, 29, 23))
    autumn = recent_windows(at(2026, 10, 26, 12), 1440, 2)
    assert autumn[0] == (at(2026, 10, 24, 23), at(2026, 10, 26, 0))  # 25 hours
    assert _contiguous(spring)
    assert _contiguous(autumn)


def test_hourly_windows_across_the_clock_changes() -> None:
    spring = recent_windows(at(2026, 3, 29, 3, 30), 60, 5)
    # 00:00 GMT, the 01:00 hour that never happened (empty), then 02:00, 03:00 and 04:00 BST
    assert [start for start, _ in spring] == [at(2026, 3, 29, h) for h in (0, 1, 1, 2, 3)]
    assert spring[1][0] == spring[1][1]
    assert _contiguous(spring)
    autumn = recent_windows(at(2026, 10, 25, 3, 30), 60, 4)
    assert autumn[1] == (at(2026, 10, 25, 0), at(2026, 10, 25, 2))  # 01:00 happened twice
    assert _contiguous(autumn)
