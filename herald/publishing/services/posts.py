"""Drafting a post: one message to several accounts, each with its own variant; every save is a
revision on the record. Submitting, scheduling, taking back and withdrawing move its status
through ``workflow.POST_TRANSITIONS`` (see ``common.move_post``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, diff, record
from herald.core.transitions import start_history
from herald.councils.roles import Role
from herald.publishing import rules, workflow
from herald.publishing.delivery import outbox
from herald.publishing.models import (
    Campaign,
    Delivery,
    MediaItem,
    Post,
    PostRevision,
    PostStatusChange,
    PostVariant,
    Recurrence,
    VariantMedia,
)
from herald.publishing.services.common import account_ids_of, move_post, person, stopping_hold
from herald.publishing.services.errors import (
    HoldInForce,
    InvalidPost,
    NotAllowed,
    NotReady,
    StatusChangedMeanwhile,
)
from herald.publishing.services.validation import (
    blocking_findings,
    post_problems,
    pre_election_holds,
    refresh_findings,
    sign_off_findings,
)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

P = Post.Status
MAX_IMAGES = 4
MAX_TITLE = 200
# Statuses from which the author may take a post back to edit it (approval starts again).
TAKE_BACK = frozenset({P.AWAITING_APPROVAL, P.APPROVED, P.SCHEDULED, P.NEEDS_RESCHEDULING})
WITHDRAWABLE = frozenset(
    {
        P.DRAFT,
        P.AWAITING_APPROVAL,
        P.RETURNED,
        P.APPROVED,
        P.SCHEDULED,
        P.NEEDS_RESCHEDULING,
        P.HELD,
        P.FAILED,
    }
)
SCHEDULABLE = frozenset({P.APPROVED, P.NEEDS_RESCHEDULING, P.SCHEDULED, P.FAILED})


@dataclass(frozen=True)
class MediaUse:
    item: MediaItem
    alt_text: str = ""


@dataclass(frozen=True)
class VariantInput:
    account: SocialAccount
    text: str = ""
    link: str = ""
    first_comment: str = ""
    video_title: str = ""
    media: tuple[MediaUse, ...] = ()


@dataclass(frozen=True)
class PostInput:
    title: str
    variants: tuple[VariantInput, ...]
    category: str = Post.Category.GENERAL
    campaign: Campaign | None = None
    scheduled_for: datetime.datetime | None = None
    # The recurring series this post is an occurrence of (the calendar's recurring posts).
    recurrence: Recurrence | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def may_edit(post: Post, user: User | None) -> bool:
    """The author, or the digital team, may change a post's content."""
    if user is None:
        return False
    if user.pk == post.author_id:
        return True
    return Role.DIGITAL_TEAM in rules.roles_of(council=post.council_id, user=user)


def _check_input(council: Council, author: User, data: PostInput) -> None:
    if not data.title.strip():
        raise InvalidPost("Enter a title for the post", code="no_title", field="title")
    if len(data.title) > MAX_TITLE:
        raise InvalidPost("The title must be 200 characters or fewer", field="title")
    if data.category not in Post.Category.values:
        raise InvalidPost("Choose a category", field="category")
    if data.campaign is not None and data.campaign.council_id != council.pk:
        raise InvalidPost("Choose one of the council's campaigns", field="campaign")
    if not data.variants:
        raise InvalidPost("Choose at least one account", code="no_accounts", field="accounts")
    allowed = rules.draftable_account_ids(council=council, user=author)
    seen: set[int] = set()
    for variant in data.variants:
        account = variant.account
        if account.council_id != council.pk or account.pk not in allowed:
            raise InvalidPost(
                f"You cannot post to {account.name}", code="account_not_allowed", field="accounts"
            )
        if account.pk in seen:
            raise InvalidPost(f"{account.name} is chosen twice", field="accounts")
        seen.add(account.pk)
        _check_media(council, variant)


def _check_media(council: Council, variant: VariantInput) -> None:
    name = variant.account.name
    images = [u for u in variant.media if u.item.kind == MediaItem.Kind.IMAGE]
    videos = [u for u in variant.media if u.item.kind == MediaItem.Kind.VIDEO]
    if len(images) > MAX_IMAGES:
        raise InvalidPost(f"{name}: add up to {MAX_IMAGES} images", field="media")
    if len(videos) > 1 or (videos and images):
        raise InvalidPost(f"{name}: add one video, or up to 4 images", field="media")
    for use in variant.media:
        if use.item.council_id != council.pk:
            raise InvalidPost("Choose media from the council's library", field="media")
        if use.item.kind == MediaItem.Kind.CAPTIONS:
            raise InvalidPost(
                f"{use.item.original_name} is a captions file: attach it to its video in "
                "the media library",
                field="media",
            )
        if use.item.withdrawn_at is not None:
            raise InvalidPost(
                f"{use.item.original_name} has been withdrawn from the library",
                code="media_withdrawn",
                field="media",
            )


def snapshot(post: Post) -> dict[str, Any]:
    """The post's content as a revision records it."""
    return {
        "title": post.title,
        "category": post.category,
        "campaign": str(post.campaign.public_id) if post.campaign else None,
        "scheduled_for": post.scheduled_for.isoformat() if post.scheduled_for else None,
        "variants": [
            {
                "account": str(variant.account.public_id),
                "account_name": variant.account.name,
                "text": variant.text,
                "link": variant.link,
                "first_comment": variant.first_comment,
                "video_title": variant.video_title,
                "media": [
                    {"item": str(use.item.public_id), "alt_text": use.alt_text}
                    for use in variant.media.select_related("item")
                ],
            }
            for variant in post.variants.select_related("account")
        ],
    }


def _write_revision(post: Post, editor: User | None, author: User) -> PostRevision:
    return PostRevision.objects.create(
        post=post, number=post.revision, content=snapshot(post), editor=editor or author
    )


def _write_variants(post: Post, data: PostInput) -> None:
    existing = {v.account_id: v for v in post.variants.all()}
    wanted = {v.account.pk for v in data.variants}
    for account_id, variant in existing.items():
        if account_id in wanted:
            continue
        if Delivery.objects.filter(variant=variant).exists():
            raise InvalidPost(
                f"{variant.account.name} has already been queued for this post: withdraw the "
                "post and write a new one instead",
                code="variant_queued",
                field="accounts",
            )
        variant.media.all().delete()
        variant.delete()
    for given in data.variants:
        variant = existing.get(given.account.pk) or PostVariant(post=post, account=given.account)
        variant.text = given.text
        variant.link = given.link
        variant.first_comment = given.first_comment
        variant.video_title = given.video_title
        variant.save()
        variant.media.all().delete()
        VariantMedia.objects.bulk_create(
            VariantMedia(variant=variant, item=use.item, position=n, alt_text=use.alt_text.strip())
            for n, use in enumerate(given.media, start=1)
        )


@transaction.atomic
def create_post(*, council: Council, author: User, data: PostInput, actor: Actor) -> Post:
    """A new draft, its first revision and its standards findings."""
    _check_input(council, author, data)
    post = Post.objects.create(
        council=council,
        author=author,
        title=data.title.strip(),
        category=data.category,
        campaign=data.campaign,
        recurrence=data.recurrence,
        scheduled_for=data.scheduled_for,
        status=P.DRAFT,
        status_changed_at=timezone.now(),
        revision=1,
    )
    start_history(
        obj=post, history=PostStatusChange, actor_user=actor.user, actor_label=actor.display
    )
    _write_variants(post, data)
    _write_revision(post, person(actor), author)
    refresh_findings(post)
    record(
        council=council,
        actor=actor,
        action="publishing.post_created",
        summary=f"Drafted a post: {post.title}",
        target=post,
        changes={"accounts": [v.account.name for v in data.variants]},
    )
    return post


@transaction.atomic
def update_post(*, post: Post, data: PostInput, actor: Actor) -> Post:
    """Save new content as the next revision. A post already submitted, approved or scheduled
    goes back to draft first: its approvals were for the old content."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not may_edit(post, person(actor)):
        raise NotAllowed("Only the author or the digital team can change this post")
    if post.status not in workflow.EDITABLE and post.status not in TAKE_BACK:
        raise InvalidPost(
            f"A post that is {P(post.status).label.lower()} cannot be changed",
            code="not_editable",
        )
    _check_input(post.council, post.author, data)
    before = snapshot(post)
    if post.status != P.DRAFT:
        _back_to_draft(post, actor=actor, note="Changed: approval starts again")
    post.title = data.title.strip()
    post.category = data.category
    post.campaign = data.campaign
    post.scheduled_for = data.scheduled_for
    post.revision += 1
    post.save(
        update_fields=["title", "category", "campaign", "scheduled_for", "revision", "updated_at"]
    )
    _write_variants(post, data)
    _write_revision(post, person(actor), post.author)
    refresh_findings(post)
    record(
        council=post.council,
        actor=actor,
        action="publishing.post_edited",
        summary=f"Changed the post {post.title} (revision {post.revision})",
        target=post,
        changes=diff(_flat(before), _flat(snapshot(post))),
    )
    return post


def _flat(content: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in content.items() if k != "variants"}
    for variant in content["variants"]:
        for key in ("text", "link", "first_comment", "video_title"):
            flat[f"{variant['account_name']}: {key}"] = variant[key]
        flat[f"{variant['account_name']}: media"] = len(variant["media"])
    return flat


def _back_to_draft(post: Post, *, actor: Actor, note: str) -> None:
    if post.status == P.SCHEDULED:
        outbox.hold_post(post=post, actor_user=actor.user, actor_label=actor.display, note=note)
    if post.status == P.RETURNED or post.status in TAKE_BACK:
        move_post(post, P.DRAFT, actor=actor, note=note, approval_steps_required=0)


@transaction.atomic
def take_back(*, post: Post, actor: Actor) -> Post:
    """The author takes a submitted, approved or scheduled post back to edit it."""
    if not may_edit(post, person(actor)):
        raise NotAllowed("Only the author or the digital team can take this post back")
    if post.status not in TAKE_BACK and post.status != P.RETURNED:
        raise InvalidPost(
            f"A post that is {P(post.status).label.lower()} cannot be taken back",
            code="transition_not_allowed",
        )
    _back_to_draft(post, actor=actor, note="Taken back to edit")
    return post


def _bump_revision(post: Post, actor: Actor) -> None:
    post.revision += 1
    Post.objects.filter(pk=post.pk).update(revision=post.revision)
    _write_revision(post, person(actor), post.author)


def content_problems(post: Post) -> list[str]:
    """What stops the post being submitted: its content, then any blocking finding."""
    problems = [p.message for p in post_problems(post, scheduling=False)]
    variants = refresh_findings(post)
    for variant, finding in blocking_findings(variants):
        problems.append(f"{variant.account.name}: {finding['message']}")
    return problems


@transaction.atomic
def submit_post(*, post: Post, actor: Actor, note: str = "") -> Post:
    """Send the post for approval, or straight to approved (and scheduled, if it has a time)
    when every account lets the author publish without approval and nothing needs sign-off."""
    if not may_edit(post, person(actor)):
        raise NotAllowed("Only the author or the digital team can submit this post")
    if post.status not in workflow.EDITABLE:
        raise InvalidPost(
            f"A post that is {P(post.status).label.lower()} cannot be submitted",
            code="transition_not_allowed",
        )
    problems = content_problems(post)
    if problems:
        raise NotReady(problems)
    if post.status == P.RETURNED:
        _bump_revision(post, actor)  # approvals are for one revision: decide this one afresh
    account_ids = account_ids_of(post)
    variants = list(post.variants.all())
    skip = (
        post.status == P.DRAFT
        and rules.may_skip_approval(author=post.author, account_ids=account_ids)
        and not sign_off_findings(variants)
        and not pre_election_holds(post)
    )
    now = timezone.now()
    if skip:
        move_post(
            post,
            P.APPROVED,
            actor=actor,
            note=note or "May publish without approval",
            submitted_at=now,
            approved_at=now,
            approval_steps_required=0,
        )
        after_approval(post, actor=actor)
        return post
    steps = max(rules.approval_steps_for(account_ids), 1)
    move_post(
        post,
        P.AWAITING_APPROVAL,
        actor=actor,
        note=note,
        submitted_at=now,
        approval_steps_required=steps,
    )
    return post


def after_approval(post: Post, *, actor: Actor) -> None:
    """An approved post with a time is scheduled (or held); one whose time passed while it
    waited needs rescheduling, never goes out late; one with a problem stays approved."""
    if post.scheduled_for is None:
        return
    if post.scheduled_for < timezone.now():
        move_post(
            post,
            P.NEEDS_RESCHEDULING,
            actor=actor,
            note="Its time passed while it waited for approval",
        )
        return
    if post_problems(post, scheduling=True):
        return
    _schedule(post, actor=actor, note="")


def _schedule(post: Post, *, actor: Actor, note: str) -> None:
    hold = stopping_hold(post)
    if hold is not None:
        if not workflow.can_move_post(post.status, P.HELD):
            raise HoldInForce(
                f"{hold.get_kind_display()} is in force: nothing on these accounts can be "
                "scheduled until it is lifted"
            )
        move_post(post, P.HELD, actor=actor, note=f"Held: {hold.get_kind_display()}", held_by=hold)
        return
    move_post(post, P.SCHEDULED, actor=actor, note=note, held_by=None)
    outbox.enqueue_post(
        post=post,
        due_at=post.scheduled_for or timezone.now(),
        actor_user=actor.user,
        actor_label=actor.display,
    )


def may_schedule(post: Post, user: User | None) -> bool:
    if user is None:
        return False
    if user.pk == post.author_id:
        return True
    roles = rules.roles_of(council=post.council_id, user=user)
    return bool(roles & {Role.DIGITAL_TEAM, Role.APPROVER})


@transaction.atomic
def schedule_post(*, post: Post, when: datetime.datetime, actor: Actor, note: str = "") -> Post:
    """Schedule an approved post, or move a scheduled one to a new time. Every check runs
    first: a disconnected account, a time in the past, media the network cannot take."""
    if not may_schedule(post, person(actor)):
        raise NotAllowed("Only the author, an approver or the digital team can schedule this post")
    if post.status not in SCHEDULABLE:
        raise InvalidPost(
            f"A post that is {P(post.status).label.lower()} cannot be scheduled",
            code="transition_not_allowed",
        )
    before = post.scheduled_for
    post.scheduled_for = when
    problems = [p.message for p in post_problems(post, scheduling=True)]
    if problems:
        post.scheduled_for = before
        raise NotReady(problems)
    Post.objects.filter(pk=post.pk).update(scheduled_for=when, updated_at=timezone.now())
    if post.status == P.SCHEDULED:
        outbox.enqueue_post(
            post=post, due_at=when, actor_user=actor.user, actor_label=actor.display
        )
        record(
            council=post.council,
            actor=actor,
            action="publishing.post_rescheduled",
            summary=f"{post.title}: moved to a new time",
            target=post,
            changes={
                "scheduled_for": [
                    before.isoformat() if before else None,
                    when.isoformat(),
                ]
            },
        )
        return post
    _schedule(post, actor=actor, note=note)
    return post


@transaction.atomic
def withdraw_post(*, post: Post, actor: Actor, note: str = "") -> Post:
    """Stop a post for good: anything queued is cancelled; the record is kept."""
    roles = rules.roles_of(council=post.council_id, user=person(actor))
    if not may_edit(post, person(actor)) and not roles & {Role.APPROVER, Role.COUNCIL_ADMIN}:
        raise NotAllowed("Only the author, an approver or the digital team can withdraw this post")
    if post.status not in WITHDRAWABLE:
        raise InvalidPost(
            f"A post that is {P(post.status).label.lower()} cannot be withdrawn",
            code="transition_not_allowed",
        )
    move_post(post, P.WITHDRAWN, actor=actor, note=note, held_by=None)
    outbox.cancel_post(post=post, actor_user=actor.user, actor_label=actor.display, note=note)
    return post


def flag_overdue(*, now: datetime.datetime | None = None) -> int:
    """Approved posts whose time passed before they were scheduled need rescheduling: nothing
    goes out late by itself. For a periodic job; returns how many were flagged."""
    moment = now or timezone.now()
    flagged = 0
    overdue = Post.objects.filter(status=P.APPROVED, scheduled_for__lt=moment).select_related(
        "council"
    )
    for post in overdue:
        try:
            with transaction.atomic():
                move_post(
                    post,
                    P.NEEDS_RESCHEDULING,
                    actor=SYSTEM,
                    note="Its time passed before it was scheduled",
                )
        except StatusChangedMeanwhile:
            continue
        flagged += 1
    return flagged
