"""Reads about publishing, always from inside one council."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from herald.publishing.models import Delivery, Hold, MediaItem, Post

if TYPE_CHECKING:
    from collections.abc import Iterable
    from uuid import UUID

    from herald.accounts.models import User
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


def review_queue(council: Council) -> list[Post]:
    """Held posts waiting for someone to publish them now, reschedule them or cancel them: those
    whose hold has been lifted, and those of an allowed category under national mourning (they
    may go out with a communications lead's sign-off while it lasts)."""
    held = (
        Post.objects.filter(council=council, status=Post.Status.HELD)
        .select_related("held_by", "author")
        .order_by("scheduled_for", "pk")
    )
    return [
        post
        for post in held
        if post.held_by is None
        or post.held_by.status == Hold.Status.LIFTED
        or (
            post.held_by.kind == Hold.Kind.MOURNING
            and post.category in (post.held_by.allowed_categories or [])
        )
    ]


def held_posts(council: Council) -> QuerySet[Post]:
    """Every held post, the hold keeping it back first."""
    return (
        Post.objects.filter(council=council, status=Post.Status.HELD)
        .select_related("held_by", "author")
        .order_by("scheduled_for", "pk")
    )


def visible_post(*, council: Council, public_id: UUID | str) -> Post:
    """One of the council's posts; another council's (or a malformed id) is a 404."""
    try:
        return Post.objects.select_related("council", "author", "campaign", "held_by").get(
            council=council, public_id=public_id
        )
    except (Post.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def posts(
    *,
    council: Council,
    status: str = "",
    account: str = "",
    campaign: str = "",
    author: User | None = None,
) -> QuerySet[Post]:
    found = Post.objects.filter(council=council).select_related("author")
    if status:
        found = found.filter(status=status)
    if account:
        found = found.filter(variants__account__public_id=_uuid_or_none(account))
    if campaign:
        found = found.filter(campaign__public_id=_uuid_or_none(campaign))
    if author is not None:
        found = found.filter(author=author)
    return found.prefetch_related("variants__account").distinct().order_by("-updated_at", "-pk")


def awaiting_approval_by(*, council: Council, user: User) -> list[Post]:
    """Posts waiting for a decision that this person may take (never their own)."""
    from herald.publishing import rules  # noqa: PLC0415

    waiting = (
        Post.objects.filter(council=council, status=Post.Status.AWAITING_APPROVAL)
        .exclude(author=user)
        .select_related("author")
        .prefetch_related("variants__account")
        .order_by("submitted_at", "pk")
    )
    return [post for post in waiting if rules.may_approve(post=post, user=user)]


def visible_media(*, council: Council, public_id: UUID | str) -> MediaItem:
    try:
        return MediaItem.objects.select_related("uploaded_by", "captions").get(
            council=council, public_id=public_id
        )
    except (MediaItem.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def usable_media(*, council: Council) -> QuerySet[MediaItem]:
    """Images and videos that may still be chosen for a post (not withdrawn), newest first."""
    return MediaItem.objects.filter(
        council=council,
        withdrawn_at__isnull=True,
        kind__in=[MediaItem.Kind.IMAGE, MediaItem.Kind.VIDEO],
    ).order_by("-created_at", "-pk")[:30]


def visible_hold(*, council: Council, public_id: UUID | str) -> Hold:
    try:
        return Hold.objects.get(council=council, public_id=public_id)
    except (Hold.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def _uuid_or_none(value: str) -> str:
    """The id as a UUID, or the nil UUID (which matches nothing) if it is not one."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.UUID(int=0))


def deliveries_of(post: Post) -> QuerySet[Delivery]:
    """The outbox rows of one post (already scoped: the post was found in its council)."""
    return Delivery.objects.filter(variant__post=post).select_related("account")
