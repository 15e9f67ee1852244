"""The outbox's entry points for the rest of publishing: a scheduled post's variants become
deliveries; a hold holds them, a release or a cancellation moves them on.

Called inside the post service's transaction, after the post's own status has moved. Every
delivery status change goes through ``move_status`` with the delivery transition table.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.core.transitions import TransitionNotAllowed, move_status, start_history
from herald.publishing.models import Delivery, DeliveryStatusChange, Post
from herald.publishing.workflow import can_move_delivery

if TYPE_CHECKING:
    from collections.abc import Iterable

D = Delivery.Status


def enqueue_post(
    *, post: Post, due_at: datetime.datetime, actor_user: Any, actor_label: str
) -> list[Delivery]:
    """Make sure every variant of ``post`` has a pending delivery due at ``due_at``.

    A variant already published keeps its delivery (a post is never sent twice to an account);
    a held or failed one goes back to pending with the new time. Cancelled is final.
    """
    deliveries = []
    for variant in post.variants.select_related("account"):
        delivery = Delivery.objects.filter(variant=variant).first()
        if delivery is None:
            delivery = Delivery.objects.create(
                council_id=post.council_id,
                variant=variant,
                account=variant.account,
                status=D.PENDING,
                due_at=due_at,
                next_attempt_at=due_at,
            )
            start_history(
                obj=delivery,
                history=DeliveryStatusChange,
                actor_user=actor_user,
                actor_label=actor_label,
            )
        elif delivery.status == D.PENDING:
            fields: dict[str, Any] = {"due_at": due_at, "next_attempt_at": due_at}
            Delivery.objects.filter(pk=delivery.pk).update(**fields, updated_at=timezone.now())
            delivery.due_at = delivery.next_attempt_at = due_at
        elif delivery.status in (D.HELD, D.FAILED):
            move(
                delivery,
                D.PENDING,
                actor_user=actor_user,
                actor_label=actor_label,
                due_at=due_at,
                next_attempt_at=due_at,
                last_error="",
            )
        deliveries.append(delivery)
    return deliveries


def hold_post(*, post: Post, actor_user: Any, actor_label: str, note: str = "") -> int:
    """Every delivery of ``post`` still waiting to go is held. Returns how many."""
    return _move_all(
        post.pk, {D.PENDING}, D.HELD, actor_user=actor_user, actor_label=actor_label, note=note
    )


def cancel_post(*, post: Post, actor_user: Any, actor_label: str, note: str = "") -> int:
    """Every delivery of ``post`` not yet sent is cancelled. Returns how many."""
    return _move_all(
        post.pk,
        {D.PENDING, D.HELD, D.FAILED},
        D.CANCELLED,
        actor_user=actor_user,
        actor_label=actor_label,
        note=note,
    )


def move(
    delivery: Delivery,
    to_status: str,
    *,
    actor_user: Any,
    actor_label: str,
    note: str = "",
    **fields: Any,
) -> None:
    if not can_move_delivery(delivery.status, to_status):
        raise TransitionNotAllowed(f"A delivery cannot go from {delivery.status} to {to_status}.")
    move_status(
        obj=delivery,
        to_status=to_status,
        history=DeliveryStatusChange,
        actor_user=actor_user,
        actor_label=actor_label,
        note=note,
        **fields,
    )


def _move_all(post_id: int, from_statuses: Iterable[str], to_status: str, **kwargs: Any) -> int:
    moved = 0
    for delivery in Delivery.objects.filter(
        variant__post_id=post_id, status__in=list(from_statuses)
    ):
        move(delivery, to_status, **kwargs)
        moved += 1
    return moved
