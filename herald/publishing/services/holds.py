"""Holds, the council's kill switch above every post's own status.

An emergency stop or national mourning holds every approved or scheduled post on the accounts it
covers (their deliveries too) until it is lifted; held posts then wait in the review queue to be
published now, rescheduled or cancelled, never straight out. During mourning, posts of an allowed
category can go out with a communications lead's sign-off. A pre-election period makes the
standards engine's political rules blocking on its accounts and needs the named officer's
sign-off on each post there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.transitions import move_status, start_history
from herald.publishing import rules, workflow
from herald.publishing.delivery import outbox
from herald.publishing.models import Hold, HoldStatusChange, Post, PostVariant, SignOff
from herald.publishing.selectors import active_holds, hold_covers
from herald.publishing.services.common import (
    account_ids_of,
    has_sign_off,
    move_post,
    person,
    stopping_hold,
)
from herald.publishing.services.errors import (
    HoldInForce,
    InvalidPost,
    NotAllowed,
    NotReady,
    TransitionNotAllowed,
)
from herald.publishing.services.validation import (
    Problem,
    blocking_findings,
    post_problems,
    refresh_findings,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount
    from herald.standards.models import PreElectionPeriod

P = Post.Status
K = Hold.Kind
# What national mourning may still let out, each post with a named sign-off.
MOURNING_CATEGORIES = (
    Post.Category.PUBLIC_SAFETY,
    Post.Category.SERVICE_DISRUPTION,
    Post.Category.LEGALLY_REQUIRED,
)


@dataclass(frozen=True)
class HoldDetails:
    kind: str
    reason: str
    accounts: Sequence[SocialAccount] = ()  # empty: the whole council
    allowed_categories: Sequence[str] = ()
    election_period: PreElectionPeriod | None = None
    named_officer: User | None = None


def _require_lead(council: Council | int, actor: Actor) -> None:
    if not rules.manages_holds(council=council, user=person(actor)):
        raise NotAllowed("Only a communications lead can start or lift a hold")


def _check(council: Council, details: HoldDetails) -> None:
    if details.kind not in K.values:
        raise InvalidPost("Choose the kind of hold", field="kind")
    if not details.reason.strip():
        raise InvalidPost("Give the reason for the hold", code="reason_required", field="reason")
    if any(account.council_id != council.pk for account in details.accounts):
        raise InvalidPost("Choose the council's own accounts", field="accounts")
    if details.kind == K.MOURNING:
        wrong = set(details.allowed_categories) - {str(c) for c in MOURNING_CATEGORIES}
        if wrong:
            raise InvalidPost("Choose allowed categories from the list", field="allowed_categories")
    if details.kind == K.PRE_ELECTION:
        period = details.election_period
        if period is None or period.council_id != council.pk:
            raise InvalidPost("Choose the pre-election period", field="election_period")
        if details.named_officer is None:
            raise InvalidPost(
                "Choose the officer who signs off posts in the period", field="named_officer"
            )
        if not details.named_officer.memberships.filter(council=council, is_active=True).exists():
            raise InvalidPost("Choose someone who works for the council", field="named_officer")


@transaction.atomic
def start_hold(*, council: Council, details: HoldDetails, actor: Actor) -> Hold:
    """Start a hold now. Emergency stops and mourning hold approved and scheduled posts on the
    accounts they cover at once; a pre-election period holds those still to go out within it
    until the named officer signs them off."""
    _require_lead(council, actor)
    _check(council, details)
    starter = person(actor)
    if starter is None:
        raise NotAllowed("Only a person can start a hold")
    now = timezone.now()
    ends_at = None
    if details.kind == K.PRE_ELECTION and details.election_period is not None:
        last_day = details.election_period.ends_on + datetime.timedelta(days=1)
        ends_at = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time()))
    hold = Hold.objects.create(
        council=council,
        kind=details.kind,
        reason=details.reason.strip(),
        allowed_categories=list(details.allowed_categories) if details.kind == K.MOURNING else [],
        election_period=details.election_period if details.kind == K.PRE_ELECTION else None,
        named_officer=details.named_officer if details.kind == K.PRE_ELECTION else None,
        starts_at=now,
        ends_at=ends_at,
        started_by=starter,
    )
    hold.accounts.set(details.accounts)
    start_history(
        obj=hold,
        history=HoldStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=hold.reason,
    )
    held = _catch_posts(hold, actor=actor)
    record(
        council=council,
        actor=actor,
        action=f"publishing.hold_started_{hold.kind}",
        summary=f"{hold.get_kind_display()} started: {hold.reason}"[:500],
        target=hold,
        changes={
            "accounts": [a.name for a in details.accounts] or "all",
            "held_posts": held,
            **({"allowed_categories": hold.allowed_categories} if hold.allowed_categories else {}),
        },
    )
    return hold


def _catch_posts(hold: Hold, *, actor: Actor) -> int:
    posts = Post.objects.filter(council_id=hold.council_id, status__in=list(workflow.HOLDABLE))
    account_ids = [a.pk for a in hold.accounts.all()]
    if account_ids:
        # A subquery, not DISTINCT: PostgreSQL refuses FOR UPDATE with DISTINCT.
        on_accounts = PostVariant.objects.filter(account_id__in=account_ids).values("post_id")
        posts = posts.filter(pk__in=on_accounts)
    if hold.kind == K.PRE_ELECTION and hold.ends_at is not None:
        posts = posts.filter(scheduled_for__lt=hold.ends_at)
    held = 0
    for post in posts.select_for_update(of=("self",)).order_by("pk"):
        note = f"Held: {hold.get_kind_display()}"
        outbox.hold_post(post=post, actor_user=actor.user, actor_label=actor.display, note=note)
        move_post(post, P.HELD, actor=actor, note=note, held_by=hold)
        held += 1
    return held


@transaction.atomic
def lift_hold(*, hold: Hold, actor: Actor, note: str = "") -> Hold:
    """Lift the hold. Nothing goes out by itself: the posts it held wait in the review queue."""
    _require_lead(hold.council_id, actor)
    if not workflow.can_move_hold(hold.status, Hold.Status.LIFTED):
        raise TransitionNotAllowed("This hold has already been lifted")
    now = timezone.now()
    move_status(
        obj=hold,
        to_status=Hold.Status.LIFTED,
        history=HoldStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile="Someone else lifted this hold just now",
        lifted_at=now,
        lifted_by=person(actor),
    )
    record(
        council=hold.council,
        actor=actor,
        action=f"publishing.hold_lifted_{hold.kind}",
        summary=f"{hold.get_kind_display()} lifted: {hold.reason}"[:500],
        target=hold,
        changes={"status": ["active", "lifted"], **({"note": note} if note else {})},
    )
    return hold


def release_problems(post: Post, *, at: datetime.datetime | None = None) -> list[str]:
    """Why a held post cannot go out yet: a hold still in force, a missing sign-off."""
    problems = []
    account_ids = account_ids_of(post)
    holds = active_holds(post.council_id, account_ids, at)
    stopping = stopping_hold(post, holds=holds, at=at)
    if stopping is not None:
        if stopping.kind == K.MOURNING and post.category in (stopping.allowed_categories or []):
            problems.append(
                "National mourning is in force: a communications lead must sign this post off."
            )
        else:
            problems.append(f"{stopping.get_kind_display()} is still in force.")
    for hold in holds:
        covers = any(hold_covers(hold, a) for a in account_ids)
        signed = has_sign_off(post, SignOff.Kind.PRE_ELECTION, str(hold.public_id))
        if hold.kind == K.PRE_ELECTION and covers and not signed:
            problems.append(
                "The named officer must sign this post off for the pre-election period."
            )
    return problems


@transaction.atomic
def release_post(
    *,
    post: Post,
    actor: Actor,
    action: str,
    when: datetime.datetime | None = None,
    note: str = "",
) -> Post:
    """The review queue: ``publish_now`` (queued now), ``reschedule`` (at ``when``) or ``cancel``
    (withdrawn). Going out needs no hold in force that stops it, and the sign-offs it needs."""
    _require_lead(post.council_id, actor)
    if post.status != P.HELD:
        raise TransitionNotAllowed(f"This post is {P(post.status).label.lower()}, not held")
    if action == "cancel":
        move_post(
            post, P.WITHDRAWN, actor=actor, note=note or "Cancelled after a hold", held_by=None
        )
        outbox.cancel_post(post=post, actor_user=actor.user, actor_label=actor.display, note=note)
        return post
    if action not in ("publish_now", "reschedule"):
        raise InvalidPost("Choose what to do with the post", field="action")
    problems = release_problems(post)
    if problems:
        raise HoldInForce(" ".join(problems))
    variants = refresh_findings(post)
    blocking = blocking_findings(variants)
    if blocking:
        raise NotReady(
            [f"{v.account.name}: {f['message']}" for v, f in blocking], code="blocking_findings"
        )
    now = timezone.now()
    if action == "reschedule":
        if when is None:
            raise InvalidPost("Choose the new time", field="when")
        due = when
    else:
        due = now
    before = post.scheduled_for
    post.scheduled_for = due
    checks = [p for p in post_problems(post, scheduling=True, at=now) if p.code != "time_in_past"]
    if action == "reschedule" and due < now:
        checks.insert(0, _past())
    if checks:
        post.scheduled_for = before
        raise NotReady([p.message for p in checks])
    label = "Released: publish now" if action == "publish_now" else "Released: rescheduled"
    move_post(post, P.SCHEDULED, actor=actor, note=note or label, held_by=None, scheduled_for=due)
    outbox.enqueue_post(post=post, due_at=due, actor_user=actor.user, actor_label=actor.display)
    return post


def _past() -> Problem:
    return Problem("The new time is in the past: choose a time to come.", "time_in_past")
