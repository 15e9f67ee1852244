"""Whether a hold stops a delivery right now (checked just before the network is called).

Uses ``herald.publishing.selectors.active_holds(council, account_ids, at)`` (pubflow's) when it is
there; until the branches merge, an equivalent local query with the same signature and meaning.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from herald.publishing.models import Hold, Post, SignOff

H = Hold.Kind


def _local_active_holds(
    council: Any, account_ids: Iterable[int] | None = None, at: datetime.datetime | None = None
) -> list[Hold]:
    council_id = council if isinstance(council, int) else council.pk
    holds = (
        Hold.objects.filter(council_id=council_id, status=Hold.Status.ACTIVE)
        .filter(Q(starts_at__lte=at) if at else Q())
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at) if at else Q())
        .prefetch_related("accounts")
    )
    wanted = None if account_ids is None else set(account_ids)
    found = []
    for hold in holds:
        covered = {account.pk for account in hold.accounts.all()}
        if not covered or wanted is None or covered & wanted:
            found.append(hold)
    return found


def _resolve() -> Callable[..., list[Hold]]:
    try:
        module = importlib.import_module("herald.publishing.selectors")
    except ModuleNotFoundError:
        return _local_active_holds
    found: Callable[..., list[Hold]] | None = getattr(module, "active_holds", None)
    return found or _local_active_holds


def holding(post: Post, account_id: int, at: datetime.datetime) -> Hold | None:
    """The hold keeping this post from this account now, or None if it may go."""
    # Cheap first: most of the time there is no active hold at all.
    if not Hold.objects.filter(council_id=post.council_id, status=Hold.Status.ACTIVE).exists():
        return None
    for hold in _resolve()(post.council_id, [account_id], at):
        if hold.kind == H.EMERGENCY:
            return hold
        if hold.kind == H.MOURNING:
            allowed = post.category in (hold.allowed_categories or [])
            signed = SignOff.objects.filter(
                post=post, kind=SignOff.Kind.MOURNING, revision=post.revision
            ).exists()
            if not (allowed and signed):
                return hold
        if hold.kind == H.PRE_ELECTION:
            signed_by_officer = SignOff.objects.filter(
                post=post, kind=SignOff.Kind.PRE_ELECTION, revision=post.revision
            )
            if hold.named_officer_id:
                signed_by_officer = signed_by_officer.filter(officer_id=hold.named_officer_id)
            if not signed_by_officer.exists():
                return hold
    return None
