"""Publishing's state machines as plain tables: which status may follow which (no database).

Every status change of a post, a delivery or a hold is checked against these tables and then made
with ``herald.core.transitions.move_status``, which claims it with one conditional UPDATE (two
approvers acting at once cannot both win) and writes the history row (actor, note, time).
"""

from __future__ import annotations

from herald.publishing.models import Delivery, Hold, Post

P = Post.Status
D = Delivery.Status
H = Hold.Status

POST_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        # Drafting and approval.
        (P.DRAFT, P.AWAITING_APPROVAL),  # submitted
        (P.DRAFT, P.APPROVED),  # submitted by someone who may publish without approval
        (P.DRAFT, P.WITHDRAWN),
        (P.AWAITING_APPROVAL, P.AWAITING_APPROVAL),  # first of two steps approved
        (P.AWAITING_APPROVAL, P.APPROVED),
        (P.AWAITING_APPROVAL, P.RETURNED),
        (P.AWAITING_APPROVAL, P.REJECTED),
        (P.AWAITING_APPROVAL, P.WITHDRAWN),
        (P.AWAITING_APPROVAL, P.DRAFT),  # the author takes it back to edit
        (P.RETURNED, P.DRAFT),  # the author edits
        (P.RETURNED, P.AWAITING_APPROVAL),  # resubmitted as it was returned
        (P.RETURNED, P.WITHDRAWN),
        # Scheduling.
        (P.APPROVED, P.SCHEDULED),
        (P.APPROVED, P.NEEDS_RESCHEDULING),  # its time passed while it waited
        (P.APPROVED, P.HELD),
        (P.APPROVED, P.WITHDRAWN),
        (P.APPROVED, P.DRAFT),  # edited after approval: approval starts again
        (P.SCHEDULED, P.PUBLISHING),
        (P.SCHEDULED, P.HELD),
        (P.SCHEDULED, P.NEEDS_RESCHEDULING),
        (P.SCHEDULED, P.WITHDRAWN),
        (P.SCHEDULED, P.DRAFT),  # edited after approval
        (P.NEEDS_RESCHEDULING, P.SCHEDULED),
        (P.NEEDS_RESCHEDULING, P.WITHDRAWN),
        (P.NEEDS_RESCHEDULING, P.DRAFT),
        # Holds: a held post goes to the review queue when the hold lifts, never straight out.
        (P.HELD, P.SCHEDULED),  # rescheduled, or allowed out with sign-off
        (P.HELD, P.PUBLISHING),  # "publish now" from the review queue
        (P.HELD, P.NEEDS_RESCHEDULING),
        (P.HELD, P.WITHDRAWN),  # cancelled from the review queue
        # Delivery: the post's status follows its deliveries.
        (P.PUBLISHING, P.PUBLISHED),
        (P.PUBLISHING, P.FAILED),
        (P.PUBLISHING, P.UNCONFIRMED),
        (P.PUBLISHING, P.HELD),  # a hold started before every delivery was claimed
        (P.UNCONFIRMED, P.PUBLISHED),
        (P.UNCONFIRMED, P.FAILED),
        (P.UNCONFIRMED, P.PUBLISHING),  # reconciled as missing: sent again, knowingly
        (P.FAILED, P.PUBLISHING),  # retried by a person
        (P.FAILED, P.SCHEDULED),
        (P.FAILED, P.WITHDRAWN),
    }
)

DELIVERY_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (D.PENDING, D.PUBLISHING),  # claimed by the sweep, exactly once
        (D.PENDING, D.HELD),
        (D.PENDING, D.CANCELLED),
        (D.PUBLISHING, D.PUBLISHED),
        (D.PUBLISHING, D.PENDING),  # transient error or rate limit: back off and retry
        (D.PUBLISHING, D.FAILED),
        (D.PUBLISHING, D.UNCONFIRMED),  # sent, outcome unknown: reconcile, never re-send blindly
        (D.UNCONFIRMED, D.PUBLISHED),  # found by reading back
        (D.UNCONFIRMED, D.PENDING),  # read back and not there: safe to send again
        (D.UNCONFIRMED, D.FAILED),
        (D.HELD, D.PENDING),
        (D.HELD, D.CANCELLED),
        (D.FAILED, D.PENDING),  # retried by a person
        (D.FAILED, D.CANCELLED),
        (D.PUBLISHED, D.DELETED),  # taken down on the network; Herald keeps its copy
    }
)

HOLD_TRANSITIONS: frozenset[tuple[str, str]] = frozenset({(H.ACTIVE, H.LIFTED)})

# Statuses in which the content may still be edited by its author.
EDITABLE = frozenset({P.DRAFT, P.RETURNED})
# Statuses a hold catches: approved work waiting to go out.
HOLDABLE = frozenset({P.APPROVED, P.SCHEDULED})
# Nothing further happens to these.
FINAL = frozenset({P.PUBLISHED, P.REJECTED, P.WITHDRAWN})


def can_move_post(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in POST_TRANSITIONS


def next_post_statuses(from_status: str) -> list[str]:
    return [s for s in P.values if (from_status, s) in POST_TRANSITIONS]


def can_move_delivery(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in DELIVERY_TRANSITIONS


def can_move_hold(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in HOLD_TRANSITIONS
