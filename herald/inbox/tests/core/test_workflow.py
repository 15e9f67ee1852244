"""The conversation and escalation transition tables, every pair allowed or forbidden."""

from __future__ import annotations

import itertools

import pytest

from herald.inbox import workflow
from herald.inbox.models import Conversation, Escalation

C = Conversation.Status
E = Escalation.Status

ALLOWED = {
    (C.NEW, C.ASSIGNED),
    (C.NEW, C.AWAITING_REPLY),
    (C.NEW, C.AWAITING_RESIDENT),
    (C.ASSIGNED, C.AWAITING_REPLY),
    (C.ASSIGNED, C.AWAITING_RESIDENT),
    (C.AWAITING_REPLY, C.AWAITING_RESIDENT),
    (C.AWAITING_REPLY, C.ASSIGNED),
    (C.AWAITING_RESIDENT, C.AWAITING_REPLY),
    (C.AWAITING_RESIDENT, C.ASSIGNED),
    *(
        (s, c)
        for s in (C.NEW, C.ASSIGNED, C.AWAITING_REPLY, C.AWAITING_RESIDENT)
        for c in (C.RESOLVED, C.NO_ACTION)
    ),
    (C.RESOLVED, C.AWAITING_REPLY),
    (C.RESOLVED, C.ASSIGNED),
    (C.NO_ACTION, C.AWAITING_REPLY),
    (C.NO_ACTION, C.ASSIGNED),
}


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(C.values, C.values)))
def test_conversation_moves(from_status: str, to_status: str) -> None:
    expected = (from_status, to_status) in ALLOWED
    assert workflow.can_move_conversation(from_status, to_status) is expected


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(E.values, E.values)))
def test_escalation_moves(from_status: str, to_status: str) -> None:
    expected = (from_status, to_status) in {
        (E.OPEN, E.ACCEPTED),
        (E.OPEN, E.CLOSED),
        (E.ACCEPTED, E.CLOSED),
    }
    assert workflow.can_move_escalation(from_status, to_status) is expected


def test_nothing_leaves_a_closed_conversation_except_reopening() -> None:
    assert workflow.next_conversation_statuses(C.RESOLVED) == [C.ASSIGNED, C.AWAITING_REPLY]
