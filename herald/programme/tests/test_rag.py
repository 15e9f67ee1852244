"""RAG status at its boundaries: complete, not started, on track, at risk, late."""

from __future__ import annotations

import datetime

import pytest

from herald.programme.rag import Rag, expected_progress, rag_status

START = datetime.date(2026, 1, 1)
DUE = datetime.date(2026, 4, 10)  # 100 days, so each day is one point of expected progress


def on(day: int) -> datetime.date:
    return START + datetime.timedelta(days=day - 1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (START - datetime.timedelta(days=1), 0),
        (on(1), 1),
        (on(50), 50),
        (on(100), 100),
        (DUE + datetime.timedelta(days=5), 100),
    ],
)
def test_expected_progress_runs_evenly_from_start_to_due(
    today: datetime.date, expected: int
) -> None:
    assert expected_progress(starts_on=START, due_on=DUE, today=today) == expected


@pytest.mark.parametrize(
    ("progress", "today", "rag"),
    [
        (100, DUE + datetime.timedelta(days=30), Rag.COMPLETE),  # done is done, however late
        (100, START - datetime.timedelta(days=3), Rag.COMPLETE),
        (0, START - datetime.timedelta(days=1), Rag.NOT_STARTED),
        (0, on(10), Rag.GREEN),  # 10 behind: still on track
        (0, on(11), Rag.AMBER),  # 11 behind
        (25, on(50), Rag.AMBER),  # 25 behind: the last amber
        (24, on(50), Rag.RED),  # 26 behind
        (40, on(50), Rag.GREEN),
        (39, on(50), Rag.AMBER),
        (99, DUE, Rag.GREEN),  # due today, nearly there
        (99, DUE + datetime.timedelta(days=1), Rag.RED),  # a day late and unfinished
        (80, on(60), Rag.GREEN),  # ahead of pace
    ],
)
def test_rag_status_boundaries(progress: int, today: datetime.date, rag: Rag) -> None:
    assert rag_status(progress=progress, starts_on=START, due_on=DUE, today=today) is rag


def test_a_one_day_task_is_due_and_expected_the_same_day() -> None:
    assert rag_status(progress=0, starts_on=START, due_on=START, today=START) is Rag.RED
    assert rag_status(progress=95, starts_on=START, due_on=START, today=START) is Rag.GREEN
