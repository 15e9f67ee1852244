"""The inbox's state machines as plain tables: which status may follow which (no database).

Every change is checked here and then made with ``herald.core.transitions.move_status`` (one
conditional UPDATE, an append-only history row, an audit event in the service).
"""

from __future__ import annotations

from herald.inbox.models import Conversation, Escalation

C = Conversation.Status
E = Escalation.Status

_OPEN = (C.NEW, C.ASSIGNED, C.AWAITING_REPLY, C.AWAITING_RESIDENT)
_CLOSED = (C.RESOLVED, C.NO_ACTION)

CONVERSATION_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        # Triage: assigned to a person or team, then waiting on one side or the other.
        (C.NEW, C.ASSIGNED),
        (C.NEW, C.AWAITING_REPLY),
        (C.ASSIGNED, C.AWAITING_REPLY),
        (C.ASSIGNED, C.AWAITING_RESIDENT),
        (C.AWAITING_REPLY, C.AWAITING_RESIDENT),
        (C.AWAITING_REPLY, C.ASSIGNED),  # reassigned
        (C.AWAITING_RESIDENT, C.AWAITING_REPLY),  # the resident wrote again
        (C.AWAITING_RESIDENT, C.ASSIGNED),
        (C.NEW, C.AWAITING_RESIDENT),  # answered straight from the inbox
        # Closing from any open state, with an outcome.
        *((state, closed) for state in _OPEN for closed in _CLOSED),
        # Reopened: the resident came back, or it was closed by mistake.
        *((closed, C.AWAITING_REPLY) for closed in _CLOSED),
        *((closed, C.ASSIGNED) for closed in _CLOSED),
    }
)

ESCALATION_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {(E.OPEN, E.ACCEPTED), (E.OPEN, E.CLOSED), (E.ACCEPTED, E.CLOSED)}
)

OPEN = frozenset(_OPEN)
CLOSED = frozenset(_CLOSED)


def can_move_conversation(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in CONVERSATION_TRANSITIONS


def next_conversation_statuses(from_status: str) -> list[str]:
    return [s for s in C.values if (from_status, s) in CONVERSATION_TRANSITIONS]


def can_move_escalation(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in ESCALATION_TRANSITIONS
