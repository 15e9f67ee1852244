"""The one transition table for a policy version's status. Pure: no database."""

from __future__ import annotations

from herald.learning.models.policies import PolicyVersion

Status = PolicyVersion.Status

# A draft is approved by committee; approving a newer version supersedes the one in force.
# Nothing goes back: a change to an approved text is a new version.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.APPROVED}),
    Status.APPROVED: frozenset({Status.SUPERSEDED}),
    Status.SUPERSEDED: frozenset(),
}


def can_move(*, from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
