"""A listening source's statuses and the moves between them (pure).

A person pauses and resumes a source; polling moves it to failing when the network refuses or
cannot be reached, and back to active when a poll succeeds. A paused source is never polled.
"""

from __future__ import annotations

from herald.listening.models import Source

Status = Source.Status

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.ACTIVE, "pause"): Status.PAUSED,
    (Status.FAILING, "pause"): Status.PAUSED,
    (Status.PAUSED, "resume"): Status.ACTIVE,
    (Status.ACTIVE, "fail"): Status.FAILING,
    (Status.FAILING, "recover"): Status.ACTIVE,
}


def next_status(current: str, action: str) -> str | None:
    """The status ``action`` leads to from ``current``, or None if it is not allowed."""
    return TRANSITIONS.get((current, action))


def can(current: str, action: str) -> bool:
    return (current, action) in TRANSITIONS
