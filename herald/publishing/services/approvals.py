"""Approving a post: one or two steps, never by its author, by the people each account names
(or anyone with the approver or digital team role). Two approvers acting at once cannot both
win: the unique (post, revision, step) constraint and the conditional status update see to it.
Findings that need sign-off, and posts on accounts in a pre-election period, need a named
person's sign-off before the last approval."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from herald.audit.services import Actor, record
from herald.publishing import rules
from herald.publishing.models import Approval, Hold, Post, SignOff
from herald.publishing.selectors import hold_covers
from herald.publishing.services.common import account_ids_of, has_sign_off, move_post, person
from herald.publishing.services.errors import (
    InvalidPost,
    NotAllowed,
    NotReady,
    StatusChangedMeanwhile,
)
from herald.publishing.services.posts import after_approval
from herald.publishing.services.validation import (
    blocking_findings,
    pre_election_holds,
    sign_off_findings,
)

P = Post.Status
D = Approval.Decision
SOMEONE_ELSE = "Someone else decided on this post just now. Reload the page to see their decision."


@dataclass(frozen=True)
class NeededSignOff:
    kind: str
    subject: str
    label: str
    done: bool
    account_ids: tuple[int, ...] = ()
    officer_id: int | None = None


def needed_sign_offs(post: Post) -> list[NeededSignOff]:
    """The sign-offs this revision needs: one per finding rule that asks for it, one per
    pre-election hold over its accounts (by the hold's named officer)."""
    variants = list(post.variants.select_related("account"))
    needed = [
        NeededSignOff(
            kind=SignOff.Kind.FINDING,
            subject=rule,
            label=f"Standards finding {rule} on " + ", ".join(v.account.name for v in where),
            done=has_sign_off(post, SignOff.Kind.FINDING, rule),
            account_ids=tuple(v.account_id for v in where),
        )
        for rule, where in sign_off_findings(variants).items()
    ]
    needed.extend(
        NeededSignOff(
            kind=SignOff.Kind.PRE_ELECTION,
            subject=str(hold.public_id),
            label=f"Pre-election period: {hold.reason}",
            done=has_sign_off(post, SignOff.Kind.PRE_ELECTION, str(hold.public_id)),
            officer_id=hold.named_officer_id,
        )
        for hold in pre_election_holds(post)
    )
    hold = post.held_by
    if (
        post.status == P.HELD
        and hold is not None
        and hold.kind == Hold.Kind.MOURNING
        and hold.status == Hold.Status.ACTIVE
        and post.category in (hold.allowed_categories or [])
    ):
        needed.append(
            NeededSignOff(
                kind=SignOff.Kind.MOURNING,
                subject=str(hold.public_id),
                label=f"National mourning: {hold.reason}",
                done=has_sign_off(post, SignOff.Kind.MOURNING, str(hold.public_id)),
            )
        )
    return needed


def _decide(post: Post, *, actor: Actor, decision: str, note: str) -> Approval:
    """Take the next step's decision for this revision; the loser of a race is told."""
    user = person(actor)
    if user is None:
        raise NotAllowed("Only a person can decide on a post")
    if post.status != P.AWAITING_APPROVAL:
        raise StatusChangedMeanwhile(
            f"This post is {P(post.status).label.lower()}, not awaiting approval"
        )
    if user.pk == post.author_id:
        raise NotAllowed("You wrote this post: someone else must approve it", code="own_post")
    if not rules.may_approve(post=post, user=user):
        raise NotAllowed("You are not an approver for every account of this post")
    taken = post.approvals.filter(revision=post.revision)
    if decision == D.APPROVED and taken.filter(approver=user, decision=D.APPROVED).exists():
        raise NotAllowed(
            "You approved the first step: someone else must approve the second",
            code="already_approved",
        )
    step = taken.count() + 1
    if step > max(post.approval_steps_required, 1):
        raise StatusChangedMeanwhile(SOMEONE_ELSE)
    try:
        with transaction.atomic():
            return Approval.objects.create(
                post=post,
                revision=post.revision,
                step=step,
                approver=user,
                decision=decision,
                note=note,
            )
    except IntegrityError:
        raise StatusChangedMeanwhile(SOMEONE_ELSE) from None


@transaction.atomic
def approve_post(*, post: Post, actor: Actor, note: str = "") -> Post:
    """Approve this step. The last step approves the post, which is then scheduled if it has a
    time still to come (its time passed: needs rescheduling; a hold: held)."""
    variants = list(post.variants.select_related("account"))
    blocking = blocking_findings(variants)
    if blocking:
        raise NotReady(
            [f"{v.account.name}: {f['message']}" for v, f in blocking], code="blocking_findings"
        )
    last_step = post.approvals.filter(
        revision=post.revision, decision=D.APPROVED
    ).count() + 1 >= max(post.approval_steps_required, 1)
    if last_step:
        missing = [n.label for n in needed_sign_offs(post) if not n.done]
        if missing:
            raise NotReady(
                [f"Needs sign-off first: {label}." for label in missing], code="sign_off_needed"
            )
    approval = _decide(post, actor=actor, decision=D.APPROVED, note=note)
    if approval.step < max(post.approval_steps_required, 1):
        move_post(
            post,
            P.AWAITING_APPROVAL,
            actor=actor,
            note=note or f"Step {approval.step} of {post.approval_steps_required} approved",
        )
        return post
    move_post(post, P.APPROVED, actor=actor, note=note, approved_at=approval.created_at)
    after_approval(post, actor=actor)
    return post


@transaction.atomic
def return_post(*, post: Post, actor: Actor, note: str) -> Post:
    """Send it back to the author with what needs changing."""
    if not note.strip():
        raise InvalidPost("Say what needs to change", code="note_required", field="note")
    _decide(post, actor=actor, decision=D.RETURNED, note=note)
    move_post(post, P.RETURNED, actor=actor, note=note)
    return post


@transaction.atomic
def reject_post(*, post: Post, actor: Actor, note: str) -> Post:
    """Say no for good, and why: the author sees the reason."""
    if not note.strip():
        raise InvalidPost(
            "Give the reason for rejecting the post", code="note_required", field="note"
        )
    _decide(post, actor=actor, decision=D.REJECTED, note=note)
    move_post(post, P.REJECTED, actor=actor, note=note)
    return post


@transaction.atomic
def sign_off(*, post: Post, actor: Actor, kind: str, subject: str, note: str) -> SignOff:
    """A named person signs off what a rule allows only with one: a standards finding (a
    finding signer for its accounts, or the digital team), a pre-election period (the named
    officer) or a post going out during national mourning (a communications lead)."""
    user = person(actor)
    if user is None:
        raise NotAllowed("Only a person can sign off a post")
    if not note.strip():
        raise InvalidPost("Say why it may go out", code="note_required", field="note")
    if kind == SignOff.Kind.FINDING:
        variants = list(post.variants.all())
        where = sign_off_findings(variants).get(subject)
        if where is None:
            raise InvalidPost("That finding does not need sign-off on this revision")
        if not rules.may_sign_off_finding(
            post=post, user=user, account_ids=[v.account_id for v in where]
        ):
            raise NotAllowed("You cannot sign off this finding for these accounts")
    elif kind == SignOff.Kind.PRE_ELECTION:
        hold = _hold(post, subject, Hold.Kind.PRE_ELECTION)
        if hold.named_officer_id != user.pk:
            raise NotAllowed("Only the officer named for the pre-election period can sign this off")
    elif kind == SignOff.Kind.MOURNING:
        hold = _hold(post, subject, Hold.Kind.MOURNING)
        if post.category not in (hold.allowed_categories or []):
            raise NotAllowed(
                f"Posts about {Post.Category(post.category).label.lower()} cannot go out "
                "during this period of mourning",
                code="category_not_allowed",
            )
        if not rules.manages_holds(council=post.council_id, user=user):
            raise NotAllowed("Only a communications lead can sign off posts during mourning")
    else:
        raise InvalidPost("Choose what you are signing off")
    if has_sign_off(post, kind, subject):
        raise InvalidPost("This has already been signed off", code="already_signed_off")
    made = SignOff.objects.create(
        post=post, revision=post.revision, kind=kind, subject=subject, officer=user, note=note
    )
    record(
        council=post.council,
        actor=actor,
        action="publishing.post_signed_off",
        summary=f"{post.title}: {made.get_kind_display().lower()} signed off",
        target=post,
        changes={"kind": kind, "subject": subject, "note": note, "revision": post.revision},
    )
    return made


def _hold(post: Post, subject: str, kind: str) -> Hold:
    public_id = _uuid(subject)
    hold = (
        Hold.objects.filter(council_id=post.council_id, kind=kind, public_id=public_id).first()
        if public_id
        else None
    )
    if hold is None or not any(hold_covers(hold, a) for a in account_ids_of(post)):
        raise InvalidPost("That hold does not cover this post")
    return hold


def _uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
