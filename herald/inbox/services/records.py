"""Record keeping: conversations past the council's retention period are purged (the one
documented exception to never deleting), except any under an open escalation."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef

from herald.audit.services import SYSTEM, record
from herald.inbox.models import (
    Assignment,
    Conversation,
    ConversationStatusChange,
    Escalation,
    EscalationStatusChange,
    Message,
    ModerationAction,
    Note,
    Reply,
    ReplyAttempt,
    ReplyStatusChange,
)
from herald.inbox.services.common import settings_for

if TYPE_CHECKING:
    from herald.councils.models import Council

CHUNK = 500


def purgeable(*, council: Council, now: datetime.datetime) -> list[int]:
    """Ids of conversations quiet for longer than the retention period, none under an open
    escalation (an FOI or safeguarding case keeps its evidence until it is closed)."""
    months = settings_for(council).retention_months
    cutoff = now - datetime.timedelta(days=round(months * 30.44))
    open_escalation = Escalation.objects.filter(conversation=OuterRef("pk")).exclude(
        status=Escalation.Status.CLOSED
    )
    return list(
        Conversation.objects.filter(council=council, last_message_at__lt=cutoff)
        .exclude(Exists(open_escalation))
        .values_list("id", flat=True)[:CHUNK]
    )


def purge_expired(*, council: Council, now: datetime.datetime) -> int:
    """Delete one chunk of expired conversations with everything recorded about them."""
    ids = purgeable(council=council, now=now)
    if not ids:
        return 0
    with transaction.atomic():
        replies = Reply.objects.filter(conversation_id__in=ids)
        ReplyAttempt.objects.filter(reply__in=replies).delete()
        ReplyStatusChange.objects.filter(reply__in=replies).delete()
        ModerationAction.objects.filter(message__conversation_id__in=ids).delete()
        replies.delete()
        escalations = Escalation.objects.filter(conversation_id__in=ids)
        EscalationStatusChange.objects.filter(escalation__in=escalations).delete()
        escalations.delete()
        for model in (Message, Note, Assignment, ConversationStatusChange):
            model.objects.filter(conversation_id__in=ids).delete()
        Conversation.objects.filter(id__in=ids).delete()
        record(
            council=council,
            actor=SYSTEM,
            action="inbox.records_purged",
            summary=f"{len(ids)} conversations past the retention period deleted",
        )
    return len(ids)
