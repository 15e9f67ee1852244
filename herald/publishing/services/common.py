"""What every publishing service shares: the one way a post's status moves (the transition
table, ``move_status`` and an audit event in one transaction), and which hold stops a post."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.transitions import move_status
from herald.publishing import workflow
from herald.publishing.models import Hold, Post, PostStatusChange, SignOff
from herald.publishing.selectors import active_holds, hold_covers
from herald.publishing.services.errors import TransitionNotAllowed

if TYPE_CHECKING:
    from collections.abc import Iterable

    from herald.accounts.models import User

P = Post.Status


@dataclass(frozen=True)
class ActingFor(Actor):
    """Herald itself acting for a named person (the demo): the rules see ``on_behalf_of``;
    the audit trail and status histories say Herald did it."""

    on_behalf_of: User | None = None


def person(actor: Actor) -> User | None:
    """Who is acting, for the rules and for the records that name a person (approver, signer)."""
    return actor.user or getattr(actor, "on_behalf_of", None)


MEANWHILE = "Someone else changed this post just now. Reload the page to see what they did."


def move_post(post: Post, to_status: str, *, actor: Actor, note: str = "", **fields: Any) -> str:
    """Move ``post`` through the transition table; the loser of a race is told, not overwritten."""
    if not workflow.can_move_post(post.status, to_status):
        raise TransitionNotAllowed(
            f"A post that is {P(post.status).label.lower()} cannot become "
            f"{P(to_status).label.lower()}."
        )
    from_status = move_status(
        obj=post,
        to_status=to_status,
        history=PostStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile=MEANWHILE,
        status_changed_at=timezone.now(),
        **fields,
    )
    record(
        council=post.council,
        actor=actor,
        action=f"publishing.post_{to_status}",
        summary=f"{post.title}: {P(to_status).label.lower()}",
        target=post,
        changes={"status": [from_status, to_status], **({"note": note} if note else {})},
    )
    return from_status


def account_ids_of(post: Post) -> list[int]:
    return list(post.variants.values_list("account_id", flat=True))


def stopping_hold(
    post: Post, *, at: datetime.datetime | None = None, holds: Iterable[Hold] | None = None
) -> Hold | None:
    """The emergency stop or national mourning that keeps ``post`` from going out now.

    Mourning lets a post of an allowed category out once someone has signed it off for this
    revision. Pre-election holds never stop a post: they need sign-off at approval instead.
    """
    account_ids = account_ids_of(post)
    in_force = list(holds) if holds is not None else active_holds(post.council_id, account_ids, at)
    for hold in in_force:
        if not any(hold_covers(hold, account_id) for account_id in account_ids):
            continue
        if hold.kind == Hold.Kind.EMERGENCY:
            return hold
        if hold.kind == Hold.Kind.MOURNING and not mourning_allows(post, hold):
            return hold
    return None


def mourning_allows(post: Post, hold: Hold) -> bool:
    return post.category in (hold.allowed_categories or []) and has_sign_off(
        post, SignOff.Kind.MOURNING, str(hold.public_id)
    )


def has_sign_off(post: Post, kind: str, subject: str = "") -> bool:
    sign_offs = SignOff.objects.filter(post=post, revision=post.revision, kind=kind)
    if subject:
        sign_offs = sign_offs.filter(subject=subject)
    return sign_offs.exists()
