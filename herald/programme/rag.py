"""RAG status from progress and dates: a pure function, so its boundaries are tested directly.

Progress is compared with where a steady pace would be by today (the share of the phase's or
task's time already gone). Ten points behind is still on track; up to twenty-five behind is a
warning; more than that, or past the due date unfinished, is red.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

GREEN_SLACK = 10
AMBER_SLACK = 25


class Rag(StrEnum):
    COMPLETE = "complete"
    NOT_STARTED = "not_started"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return {
            Rag.COMPLETE: "Complete",
            Rag.NOT_STARTED: "Not started",
            Rag.GREEN: "Green: on track",
            Rag.AMBER: "Amber: at risk",
            Rag.RED: "Red: late or off track",
        }[self]

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag modifier for this status."""
        return {
            Rag.COMPLETE: "blue",
            Rag.NOT_STARTED: "grey",
            Rag.GREEN: "green",
            Rag.AMBER: "yellow",
            Rag.RED: "red",
        }[self]


def expected_progress(
    *, starts_on: datetime.date, due_on: datetime.date, today: datetime.date
) -> int:
    """Where a steady pace would have got to by the end of ``today`` (0-100)."""
    if today < starts_on:
        return 0
    if today >= due_on:
        return 100
    span = (due_on - starts_on).days + 1
    return round(100 * ((today - starts_on).days + 1) / span)


def rag_status(
    *, progress: int, starts_on: datetime.date, due_on: datetime.date, today: datetime.date
) -> Rag:
    """The status of work ``progress`` per cent done, meant to run from ``starts_on`` to ``due_on``."""
    if progress >= 100:
        return Rag.COMPLETE
    if today > due_on:
        return Rag.RED
    if today < starts_on:
        return Rag.NOT_STARTED
    behind = expected_progress(starts_on=starts_on, due_on=due_on, today=today) - progress
    if behind <= GREEN_SLACK:
        return Rag.GREEN
    if behind <= AMBER_SLACK:
        return Rag.AMBER
    return Rag.RED
