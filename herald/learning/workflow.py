"""The transition tables: a policy version's status, a conduct record's status. Pure: no database."""

from __future__ import annotations

from herald.learning.models.conduct import ConductRecord
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


# A conduct or performance record: opened by the line manager, closed with an outcome, and
# erased (content blanked, row kept) once the council's retention period has run from closure.
ConductStatus = ConductRecord.Status

CONDUCT_TRANSITIONS: dict[str, frozenset[str]] = {
    ConductStatus.OPEN: frozenset({ConductStatus.CLOSED}),
    ConductStatus.CLOSED: frozenset({ConductStatus.ERASED}),
    ConductStatus.ERASED: frozenset(),
}


def can_move_conduct(*, from_status: str, to_status: str) -> bool:
    return to_status in CONDUCT_TRANSITIONS.get(from_status, frozenset())
