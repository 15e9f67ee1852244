"""The reply transition table, over every pair of statuses."""

from __future__ import annotations

import itertools

import pytest

from herald.inbox.models import Reply
from herald.inbox.replies.workflow import REPLY_TRANSITIONS, can_move_reply, next_reply_statuses

R = Reply.Status
ALLOWED = {
    (R.DRAFT, R.AWAITING_APPROVAL),
    (R.DRAFT, R.APPROVED),
    (R.DRAFT, R.WITHDRAWN),
    (R.AWAITING_APPROVAL, R.APPROVED),
    (R.AWAITING_APPROVAL, R.REJECTED),
    (R.AWAITING_APPROVAL, R.DRAFT),
    (R.AWAITING_APPROVAL, R.WITHDRAWN),
    (R.APPROVED, R.WITHDRAWN),
    (R.APPROVED, R.SENDING),
    (R.SENDING, R.SENT),
    (R.SENDING, R.APPROVED),
    (R.SENDING, R.FAILED),
    (R.SENDING, R.UNCONFIRMED),
    (R.UNCONFIRMED, R.SENT),
    (R.UNCONFIRMED, R.APPROVED),
    (R.UNCONFIRMED, R.FAILED),
    (R.FAILED, R.APPROVED),
    (R.FAILED, R.WITHDRAWN),
}


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(R.values, R.values)))
def test_each_move_is_allowed_exactly_when_the_table_says(from_status: str, to_status: str) -> None:
    assert can_move_reply(from_status, to_status) is ((from_status, to_status) in ALLOWED)


def test_sent_rejected_and_withdrawn_are_final_and_nothing_skips_the_outbox() -> None:
    assert REPLY_TRANSITIONS == ALLOWED
    for final in (R.SENT, R.REJECTED, R.WITHDRAWN):
        assert next_reply_statuses(final) == []
    # Only the outbox's claim reaches SENDING, and SENT is reached only from SENDING or a read-back.
    assert {f for f, t in ALLOWED if t == R.SENDING} == {R.APPROVED}
    assert {f for f, t in ALLOWED if t == R.SENT} == {R.SENDING, R.UNCONFIRMED}
