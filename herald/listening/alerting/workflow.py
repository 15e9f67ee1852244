"""An alert's life as a plain table (no database): raised open, then acknowledged by a person or
escalated when nobody did in time, and finally closed."""

from __future__ import annotations

from herald.listening.models import Alert

S = Alert.Status

ALERT_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (S.OPEN, S.ACKNOWLEDGED),
        (S.OPEN, S.ESCALATED),  # nobody acknowledged it within the rule's minutes
        (S.OPEN, S.CLOSED),
        (S.ESCALATED, S.ACKNOWLEDGED),
        (S.ESCALATED, S.CLOSED),
        (S.ACKNOWLEDGED, S.CLOSED),
    }
)


def can_move(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in ALERT_TRANSITIONS
