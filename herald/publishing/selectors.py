"""Reads about publishing, always from inside one council."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from herald.publishing.models import Hold, Post

if TYPE_CHECKING:
    from collections.abc import Iterable

    from herald.councils.models import Council


def active_holds(
    council: Council | int,
    account_ids: Iterable[int] | None = None,
    at: datetime.datetime | None = None,
) -> list[Hold]:
    """The holds in force for ``council`` at ``at`` (now by default) that cover any of
    ``account_ids`` (``None``: any account). A hold with no accounts covers the whole council.

    An active hold is in force from ``starts_at`` until it is lifted or (pre-election) its
    ``ends_at`` passes. Ordered with emergency stops first, then mourning, then pre-election.
    """
    council_id = council if isinstance(council, int) else council.pk
    moment = at or timezone.now()
    holds = (
        Hold.objects.filter(council_id=council_id, status=Hold.Status.ACTIVE)
        .filter(starts_at__lte=moment)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=moment))
        .prefetch_related("accounts")
        .order_by("starts_at", "id")
    )
    wanted = None if account_ids is None else set(account_ids)
    found = []
    for hold in holds:
        covered = {account.pk for account in hold.accounts.all()}
        if not covered or wanted is None or covered & wanted:
            found.append(hold)
    order: dict[str, int] = {"emergency": 0, "mourning": 1, "pre_election": 2}
    found.sort(key=lambda hold: order.get(hold.kind, 9))
    return found


def hold_covers(hold: Hold, account_id: int) -> bool:
    """Whether ``hold`` covers the account (no accounts chosen: every account)."""
    covered = {account.pk for account in hold.accounts.all()}
    return not covered or account_id in covered


def council_holds(council: Council) -> QuerySet[Hold]:
    return Hold.objects.filter(council=council).select_related(
        "started_by", "lifted_by", "named_officer", "election_period"
    )


def review_queue(council: Council) -> QuerySet[Post]:
    """Held posts whose hold has been lifted: each waits for someone to publish it now,
    reschedule it or cancel it. Posts held by a hold still in force are not here yet."""
    return (
        Post.objects.filter(council=council, status=Post.Status.HELD)
        .filter(Q(held_by__isnull=True) | Q(held_by__status=Hold.Status.LIFTED))
        .select_related("held_by", "author")
        .order_by("scheduled_for", "pk")
    )


def held_posts(council: Council) -> QuerySet[Post]:
    """Every held post, the hold keeping it back first."""
    return (
        Post.objects.filter(council=council, status=Post.Status.HELD)
        .select_related("held_by", "author")
        .order_by("scheduled_for", "pk")
    )
