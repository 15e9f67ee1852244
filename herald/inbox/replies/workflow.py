"""The reply's state machine as a plain table: which status may follow which (no database).

Every status change of a reply is checked here and then made with
``herald.core.transitions.move_status`` (one conditional UPDATE, append-only history).
APPROVED doubles as "waiting in the outbox": the sweep claims APPROVED → SENDING exactly once,
and a transient error puts the reply back to APPROVED with a later ``next_attempt_at``.
"""

from __future__ import annotations

from herald.inbox.models import Reply

R = Reply.Status

REPLY_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        # Drafting and approval.
        (R.DRAFT, R.AWAITING_APPROVAL),  # findings need sign-off or the account needs approval
        (R.DRAFT, R.APPROVED),  # nothing needs an approver: straight to the outbox
        (R.DRAFT, R.WITHDRAWN),
        (R.AWAITING_APPROVAL, R.APPROVED),
        (R.AWAITING_APPROVAL, R.REJECTED),
        (R.AWAITING_APPROVAL, R.DRAFT),  # the author takes it back to change it
        (R.AWAITING_APPROVAL, R.WITHDRAWN),
        (R.APPROVED, R.WITHDRAWN),  # taken back before the outbox claimed it
        # The outbox.
        (R.APPROVED, R.SENDING),  # claimed by the sweep, exactly once
        (R.SENDING, R.SENT),
        (R.SENDING, R.APPROVED),  # transient error or rate limit: back off and try again
        (R.SENDING, R.FAILED),
        (R.SENDING, R.UNCONFIRMED),  # sent, outcome unknown: read back, never re-send blindly
        (R.UNCONFIRMED, R.SENT),  # found by reading back
        (R.UNCONFIRMED, R.APPROVED),  # read back and not there: sent again, knowingly
        (R.UNCONFIRMED, R.FAILED),
        (R.FAILED, R.APPROVED),  # retried by a person
        (R.FAILED, R.WITHDRAWN),
    }
)

# The author may still change the text.
EDITABLE = frozenset({R.DRAFT})
# Going, or gone, to the resident: what the second of two officers is warned about.
IN_FLIGHT = frozenset({R.AWAITING_APPROVAL, R.APPROVED, R.SENDING, R.UNCONFIRMED, R.SENT})
# Nothing further happens to these.
FINAL = frozenset({R.SENT, R.REJECTED, R.WITHDRAWN})


def can_move_reply(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in REPLY_TRANSITIONS


def next_reply_statuses(from_status: str) -> list[str]:
    return [s for s in R.values if (from_status, s) in REPLY_TRANSITIONS]
