"""Writing replies: a draft checked by the standards engine as it is written, submitted to an
approver where findings or the account need one (never approved by its author), then queued in
the outbox. The second of two officers replying at once is told before theirs goes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.transitions import start_history
from herald.inbox.models import AccountReplySettings, Message, Reply, ReplyStatusChange
from herald.inbox.replies import checking, rules, selectors
from herald.inbox.replies.common import move_reply, person
from herald.inbox.replies.errors import (
    BlockingFindings,
    InvalidReply,
    NotAllowed,
    OtherReplies,
    OwnReply,
)

if TYPE_CHECKING:
    from herald.inbox.models import Conversation

R = Reply.Status
MAX_TEXT = 5000


def _clean(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidReply("Enter the reply", code="invalid_reply")
    if len(text) > MAX_TEXT:
        raise InvalidReply(f"The reply must be {MAX_TEXT} characters or fewer")
    return text


def latest_incoming(conversation: Conversation) -> Message | None:
    """What a new reply answers: the resident's latest message."""
    return (
        conversation.messages.filter(direction=Message.Direction.IN)
        .order_by("-sent_at", "-id")
        .first()
    )


@transaction.atomic
def start_reply(
    *,
    conversation: Conversation,
    text: str,
    actor: Actor,
    in_reply_to: Message | None = None,
) -> Reply:
    """A new draft reply, checked by the standards engine."""
    author = person(actor)
    if author is None or not rules.may_reply_on(
        council=conversation.council, user=author, account_id=conversation.account_id
    ):
        raise NotAllowed("You cannot reply on this account")
    text = _clean(text)
    last = conversation.messages.order_by("-id").values_list("id", flat=True).first()
    reply = Reply.objects.create(
        conversation=conversation,
        in_reply_to=in_reply_to or latest_incoming(conversation),
        author=author,
        text=text,
        findings=checking.reply_findings(
            council=conversation.council, account=conversation.account, text=text
        ),
        started_after_message_id=last,
        editing_at=timezone.now(),
    )
    start_history(
        obj=reply, history=ReplyStatusChange, actor_user=actor.user, actor_label=actor.display
    )
    record(
        council=conversation.council,
        actor=actor,
        action="inbox.reply_drafted",
        summary=f"Reply to {conversation.resident_handle} drafted",
        target=reply,
    )
    return reply


@transaction.atomic
def update_reply(*, reply: Reply, text: str, actor: Actor) -> Reply:
    """New text for a draft (only its author changes it); checked again."""
    _own_draft(reply, actor)
    text = _clean(text)
    conversation = reply.conversation
    reply.text = text
    reply.findings = checking.reply_findings(
        council=conversation.council, account=conversation.account, text=text
    )
    reply.editing_at = timezone.now()
    reply.save(update_fields=["text", "findings", "editing_at", "updated_at"])
    record(
        council=conversation.council,
        actor=actor,
        action="inbox.reply_changed",
        summary=f"Reply to {conversation.resident_handle} changed",
        target=reply,
    )
    return reply


def mark_editing(*, reply: Reply) -> None:
    """The "someone is replying" marker: the author is typing in this draft now."""
    Reply.objects.filter(pk=reply.pk, status=R.DRAFT).update(editing_at=timezone.now())


def _own_draft(reply: Reply, actor: Actor) -> None:
    if reply.status != R.DRAFT:
        raise InvalidReply("Only a draft can be changed")
    if person(actor) != reply.author:
        raise NotAllowed("Only the person who wrote this reply can change it")


def needs_approval(reply: Reply) -> list[str]:
    """Why an approver must see this reply before it goes (empty: it may go now)."""
    reasons = []
    settings = AccountReplySettings.objects.filter(account_id=reply.conversation.account_id).first()
    if settings is not None and settings.replies_need_approval:
        reasons.append("Replies on this account need an approver")
    for finding in checking.needing_sign_off(reply.findings):
        reasons.append(f"Needs sign-off: {finding.get('message', finding.get('rule'))}")
    return reasons


@transaction.atomic
def submit_reply(*, reply: Reply, actor: Actor, confirm_others: bool = False) -> Reply:
    """Send a draft on: refused while a finding blocks it; held for an approver when findings
    need sign-off or the account needs approval; otherwise straight into the outbox. If another
    officer's reply went or is going meanwhile, the author must confirm first."""
    _own_draft(reply, actor)
    conversation = reply.conversation
    reply.findings = checking.reply_findings(
        council=conversation.council, account=conversation.account, text=reply.text
    )
    Reply.objects.filter(pk=reply.pk).update(findings=reply.findings)
    blocking = checking.blocking(reply.findings)
    if blocking:
        raise BlockingFindings(
            "Fix what must be fixed before sending: "
            + "; ".join(str(f.get("message", f.get("rule"))) for f in blocking)
        )
    confirmed = _check_others(reply, confirm_others)
    now = timezone.now()
    reasons = needs_approval(reply)
    if reasons:
        move_reply(
            reply,
            R.AWAITING_APPROVAL,
            actor=actor,
            note="; ".join(reasons),
            submitted_at=now,
            collision_confirmed_at=confirmed,
        )
        return reply
    move_reply(
        reply,
        R.APPROVED,
        actor=actor,
        note="No approval needed: queued to send",
        submitted_at=now,
        next_attempt_at=now,
        collision_confirmed_at=confirmed,
    )
    send_soon(reply)
    return reply


def _check_others(reply: Reply, confirmed: bool) -> datetime.datetime | None:
    others = selectors.others_replying(reply=reply)
    if not others:
        return None
    if not confirmed:
        names = ", ".join(sorted({o.author.display_name for o in others if o.author}))
        raise OtherReplies(
            f"{names} also replied, or is replying, to this resident. Read their reply, then "
            "confirm to send yours as well.",
            others=others,
        )
    return timezone.now()


def send_soon(reply: Reply) -> None:
    """Hand the reply to the outbox as soon as this transaction commits (the periodic sweep
    would find it anyway)."""
    from herald.inbox.replies import tasks  # noqa: PLC0415 - tasks import the outbox

    reply_id = reply.pk
    transaction.on_commit(lambda: tasks.send_reply.enqueue(reply_id))


@transaction.atomic
def approve_reply(*, reply: Reply, actor: Actor, note: str = "") -> Reply:
    """An approver (never the author) lets the reply go: it joins the outbox."""
    approver = person(actor)
    council = reply.conversation.council
    if approver is None or not rules.may_approve(council=council, user=approver):
        raise NotAllowed("Approving replies needs an approver or the digital team")
    if approver == reply.author:
        raise OwnReply("You wrote this reply: someone else must approve it")
    move_reply(
        reply,
        R.APPROVED,
        actor=actor,
        note=note or "Approved",
        approved_by=approver,
        next_attempt_at=timezone.now(),
    )
    send_soon(reply)
    return reply


@transaction.atomic
def reject_reply(*, reply: Reply, actor: Actor, note: str) -> Reply:
    approver = person(actor)
    if approver is None or not rules.may_approve(council=reply.conversation.council, user=approver):
        raise NotAllowed("Rejecting replies needs an approver or the digital team")
    if approver == reply.author:
        raise OwnReply("You wrote this reply: someone else must decide on it")
    if not note.strip():
        raise InvalidReply("Say why the reply is rejected", code="note_required")
    move_reply(reply, R.REJECTED, actor=actor, note=note.strip())
    return reply


@transaction.atomic
def take_back_reply(*, reply: Reply, actor: Actor) -> Reply:
    """The author takes a reply awaiting approval back to change it."""
    if person(actor) != reply.author:
        raise NotAllowed("Only the person who wrote this reply can take it back")
    move_reply(reply, R.DRAFT, actor=actor, note="Taken back to change", editing_at=timezone.now())
    return reply


@transaction.atomic
def withdraw_reply(*, reply: Reply, actor: Actor, note: str = "") -> Reply:
    """Withdrawn for good (the record stays); by its author, or an approver."""
    user = person(actor)
    council = reply.conversation.council
    if user != reply.author and not rules.may_approve(council=council, user=user):
        raise NotAllowed("Only the author or an approver can withdraw this reply")
    move_reply(reply, R.WITHDRAWN, actor=actor, note=note or "Withdrawn")
    return reply


@transaction.atomic
def retry_reply(*, reply: Reply, actor: Actor) -> Reply:
    """A person sends a failed reply again (with the same idempotency key, so a network that
    got it the first time does not post it twice)."""
    user = person(actor)
    council = reply.conversation.council
    if not rules.may_reply_on(council=council, user=user, account_id=reply.conversation.account_id):
        raise NotAllowed("You cannot send replies on this account")
    move_reply(
        reply,
        R.APPROVED,
        actor=actor,
        note=f"Retried by a person after: {reply.last_error}"[:2000],
        next_attempt_at=timezone.now(),
        attempts=0,
    )
    send_soon(reply)
    return reply
