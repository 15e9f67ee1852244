"""A training upload's life as a plain table: which status may follow which (no database).

Each move is made with ``herald.core.transitions.move_status``: a conditional UPDATE claims it
(two workers picking up one upload cannot both train it) and the history row follows.
"""

from __future__ import annotations

from herald.listening.models.routing import RouterTraining

T = RouterTraining.Status

TRAINING_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (T.QUEUED, T.RUNNING),  # a worker claims it
        (T.RUNNING, T.DONE),
        (T.RUNNING, T.FAILED),  # the rows could not train a router (the reason is kept)
    }
)


def can_move_training(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in TRAINING_TRANSITIONS
