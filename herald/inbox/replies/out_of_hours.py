"""The out-of-hours acknowledgement, per account: when a resident's message arrives outside the
council's office hours, Herald answers once per conversation per out-of-hours period, through
the same outbox as every reply. The text is checked by the standards engine when it is saved
(a blocking finding refuses it) and again before each acknowledgement goes."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.core.transitions import start_history
from herald.inbox.models import (
    AccountReplySettings,
    Conversation,
    InboxSettings,
    Message,
    Reply,
    ReplyStatusChange,
)
from herald.inbox.replies import checking
from herald.inbox.replies.common import move_reply
from herald.inbox.replies.errors import BlockingFindings, InvalidReply
from herald.inbox.workinghours import DEFAULT_HOURS, WorkingCalendar

if TYPE_CHECKING:
    from herald.estate.models import SocialAccount

logger = logging.getLogger(__name__)
R = Reply.Status
MAX_TEXT = 1000


def calendar_for(council_id: int) -> WorkingCalendar:
    """The council's office hours and bank holidays (the defaults until it sets its own)."""
    found = InboxSettings.objects.filter(council_id=council_id).first()
    if found is None:
        return WorkingCalendar()
    return WorkingCalendar(
        office_hours=found.office_hours or DEFAULT_HOURS, region=found.bank_holidays
    )


@transaction.atomic
def save_account_reply_settings(
    *,
    account: SocialAccount,
    replies_need_approval: bool,
    out_of_hours_enabled: bool,
    out_of_hours_text: str,
    actor: Actor,
) -> AccountReplySettings:
    """An account's reply rules. The acknowledgement's text must pass the standards check."""
    text = (out_of_hours_text or "").strip()
    if out_of_hours_enabled and not text:
        raise InvalidReply(
            "Enter the acknowledgement's text, or switch it off", code="text_required"
        )
    if len(text) > MAX_TEXT:
        raise InvalidReply(f"The acknowledgement must be {MAX_TEXT} characters or fewer")
    findings = checking.reply_findings(council=account.council, account=account, text=text)
    blocking = checking.blocking(findings) if text else []
    if blocking:
        raise BlockingFindings(
            "The acknowledgement cannot be used: "
            + "; ".join(str(f.get("message", f.get("rule"))) for f in blocking)
        )
    settings, _ = AccountReplySettings.objects.update_or_create(
        account=account,
        defaults={
            "council": account.council,
            "replies_need_approval": replies_need_approval,
            "out_of_hours_enabled": out_of_hours_enabled,
            "out_of_hours_text": text,
            "out_of_hours_findings": findings if text else [],
        },
    )
    record(
        council=account.council,
        actor=actor,
        action="inbox.reply_settings_changed",
        summary=f"Reply settings for {account.name} changed",
        target=account,
        changes={
            "replies_need_approval": replies_need_approval,
            "out_of_hours_enabled": out_of_hours_enabled,
        },
    )
    return settings


def acknowledge_out_of_hours(
    *, conversation_id: int, now: datetime.datetime | None = None
) -> Reply | None:
    """Acknowledge the resident's latest message if it arrived out of hours and this
    conversation has not been acknowledged in the same out-of-hours period. Returns the
    queued acknowledgement, or None when none is due (inbox-core's collect job calls this)."""
    now = now or timezone.now()
    conversation = Conversation.objects.select_related("account", "council").get(pk=conversation_id)
    settings = AccountReplySettings.objects.filter(account_id=conversation.account_id).first()
    if settings is None or not settings.out_of_hours_enabled or not settings.out_of_hours_text:
        return None
    latest = (
        conversation.messages.filter(direction=Message.Direction.IN)
        .order_by("-sent_at", "-id")
        .first()
    )
    calendar = calendar_for(conversation.council_id)
    if latest is None or calendar.is_working_time(latest.sent_at):
        return None
    before = conversation.acknowledged_out_of_hours_at
    if before is not None and calendar.working_hours_between(before, latest.sent_at) == 0:
        return None  # already acknowledged in this out-of-hours period
    findings = checking.reply_findings(
        council=conversation.council, account=conversation.account, text=settings.out_of_hours_text
    )
    if checking.blocking(findings):
        logger.warning("Out-of-hours text for account %s now blocks", conversation.account_id)
        return None
    return _queue(
        conversation,
        latest=latest,
        text=settings.out_of_hours_text,
        findings=findings,
        before=before,
        now=now,
    )


@transaction.atomic
def _queue(
    conversation: Conversation,
    *,
    latest: Message,
    text: str,
    findings: list[dict[str, object]],
    before: datetime.datetime | None,
    now: datetime.datetime,
) -> Reply | None:
    # Claim this period's acknowledgement: of two collect jobs at once, one wins.
    claimed = Conversation.objects.filter(
        pk=conversation.pk, acknowledged_out_of_hours_at=before
    ).update(acknowledged_out_of_hours_at=now)
    if claimed != 1:
        return None
    reply = Reply.objects.create(
        conversation=conversation,
        in_reply_to=latest,
        author=None,
        text=text,
        is_automatic=True,
        findings=findings,
    )
    start_history(obj=reply, history=ReplyStatusChange, actor_user=None, actor_label=SYSTEM.display)
    move_reply(
        reply,
        R.APPROVED,
        actor=SYSTEM,
        note="Out-of-hours acknowledgement",
        submitted_at=now,
        next_attempt_at=now,
    )
    from herald.inbox.replies.services import send_soon  # noqa: PLC0415

    send_soon(reply)
    return reply
