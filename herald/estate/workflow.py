"""The estate's state machines as plain tables: which status may follow which (no database)."""

from __future__ import annotations

from herald.estate.models import AccountRequest, SocialAccount

S = SocialAccount.Status
R = AccountRequest.Status

# An approved request enters the register as "requested" until its set-up checklist is done.
ACCOUNT_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (S.REQUESTED, S.ACTIVE),
        (S.REQUESTED, S.CLOSING),
        (S.ACTIVE, S.UNDER_REVIEW),
        (S.ACTIVE, S.DORMANT),
        (S.ACTIVE, S.CLOSING),
        (S.UNDER_REVIEW, S.ACTIVE),
        (S.UNDER_REVIEW, S.DORMANT),
        (S.UNDER_REVIEW, S.CLOSING),
        (S.DORMANT, S.ACTIVE),
        (S.DORMANT, S.UNDER_REVIEW),
        (S.DORMANT, S.CLOSING),
        (S.CLOSING, S.ACTIVE),  # closure called off
        (S.CLOSING, S.CLOSED),
    }
)

REQUEST_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (R.SUBMITTED, R.APPROVED),
        (R.SUBMITTED, R.REJECTED),
        (R.SUBMITTED, R.CHANGES_REQUESTED),
        (R.CHANGES_REQUESTED, R.SUBMITTED),  # the requester resubmits
    }
)


def can_move_account(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in ACCOUNT_TRANSITIONS


def next_account_statuses(from_status: str) -> list[str]:
    """The statuses an account may move to next, in the order the choices list them."""
    return [s for s in S.values if (from_status, s) in ACCOUNT_TRANSITIONS]


def can_move_request(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in REQUEST_TRANSITIONS


# Statuses the housekeeping check looks at: a closing or closed account needs no fixing.
AUDITED_STATUSES = (S.REQUESTED, S.ACTIVE, S.UNDER_REVIEW, S.DORMANT)
