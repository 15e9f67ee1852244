"""Collecting what listening heard into the inbox: each mention addressed to one of the
council's accounts becomes a message in one resident's conversation with that account, routed
to a service by its label, with deadlines counted in office hours. Idempotent: a mention already
collected is skipped, and the cursor only moves forward."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, record
from herald.core.transitions import start_history
from herald.inbox import workflow
from herald.inbox.detect import asks_for_recorded_information, looks_like_real_name
from herald.inbox.models import (
    Assignment,
    Conversation,
    ConversationStatusChange,
    InboxSettings,
    Message,
    ServiceRoute,
)
from herald.inbox.services.common import (
    Targets,
    calendar_for,
    deadlines,
    move_conversation,
    settings_for,
    target_for,
    targets_by_service,
)
from herald.inbox.services.escalations import EscalationRefused, raise_escalation
from herald.listening.inbox_feed import deleted_mention_ids, mentions_for_inbox

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount
    from herald.inbox.workinghours import WorkingCalendar
    from herald.listening.models import Mention

logger = logging.getLogger(__name__)
C = Conversation.Status
BATCH = 1000


@dataclass
class CollectResult:
    collected: int = 0
    started: int = 0
    rejected: int = 0
    escalated: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "collected": self.collected,
            "started": self.started,
            "rejected": self.rejected,
            "escalated": self.escalated,
        }


@dataclass
class _Batch:
    council: Council
    calendar: WorkingCalendar
    targets: dict[int | None, Targets]
    routes: dict[str, ServiceRoute]
    conversations: dict[str, Conversation] = field(default_factory=dict)
    to_escalate: list[tuple[Conversation, str, str]] = field(default_factory=list)


def collect_for(*, council: Council, limit: int = BATCH) -> CollectResult:
    """Collect the next ``limit`` mentions after the council's cursor into conversations."""
    settings = settings_for(council)
    mentions = list(
        mentions_for_inbox(council=council, after_id=settings.collected_up_to, limit=limit)
    )
    result = CollectResult()
    if not mentions:
        return result
    batch = _Batch(
        council=council,
        calendar=calendar_for(settings),
        targets=targets_by_service(council),
        routes={r.service_label: r for r in ServiceRoute.objects.filter(council=council)},
    )
    seen = set(
        Message.objects.filter(mention__in=[m.pk for m in mentions]).values_list(
            "mention_id", flat=True
        )
    )
    with transaction.atomic():
        for mention in mentions:
            if mention.pk in seen:
                continue
            reason = _rejection(mention, council)
            if reason:
                logger.warning("inbox.collect rejected mention %s: %s", mention.pk, reason)
                result.rejected += 1
                continue
            _collect_one(mention, batch, result)
        InboxSettings.objects.filter(pk=settings.pk).update(collected_up_to=mentions[-1].pk)
        if result.collected:
            record(
                council=council,
                actor=SYSTEM,
                action="inbox.collected",
                summary=f"{result.collected} messages collected, {result.started} new "
                f"conversations, {result.rejected} rejected",
            )
    result.escalated = _escalate(batch)
    return result


def _rejection(mention: Mention, council: Council) -> str:
    """Why a mention cannot be collected (logged, skipped; nothing else is affected)."""
    if mention.account is None or mention.account.council_id != council.pk:
        return "unknown account (not one of this council's accounts)"
    if not mention.text.strip():
        return "malformed item: no text"
    if not (mention.thread_key or mention.remote_id):
        return "malformed item: neither a thread nor an id"
    return ""


def _thread_key(mention: Mention) -> str:
    # One resident's exchange: several residents commenting under one post are separate
    # conversations, each with its own clock.
    return f"{mention.thread_key or mention.remote_id}|{mention.author_handle}"[:500]


def _collect_one(mention: Mention, batch: _Batch, result: CollectResult) -> None:
    account = mention.account
    if account is None:  # rejected before this point; narrowed for the type checker
        return
    key = f"{mention.account_id}:{_thread_key(mention)}"
    conversation = (
        batch.conversations.get(key)
        or Conversation.objects.filter(
            council=batch.council, account_id=mention.account_id, thread_key=_thread_key(mention)
        ).first()
    )
    if conversation is None:
        conversation = _start(mention, account, batch)
        result.started += 1
    else:
        _continue(conversation, mention, batch)
    batch.conversations[key] = conversation
    Message.objects.create(
        conversation=conversation,
        direction=Message.Direction.IN,
        mention=mention,
        remote_id=mention.remote_id,
        url=mention.url,
        author_handle=mention.author_handle,
        text=mention.text,
        sent_at=mention.posted_at,
        deleted_on_network_at=mention.deleted_on_network_at,
    )
    result.collected += 1
    _note_escalations(conversation, mention, batch)


def _priority(mention: Mention) -> str:
    if mention.safeguarding:
        return Conversation.Priority.URGENT
    if mention.offensive:
        return Conversation.Priority.HIGH
    return Conversation.Priority.NORMAL


def _start(mention: Mention, account: SocialAccount, batch: _Batch) -> Conversation:
    route = batch.routes.get(mention.service_label)
    service = route.service if route is not None else None
    due = deadlines(
        calendar=batch.calendar,
        target=target_for(batch.targets, service),
        since=mention.posted_at,
    )
    conversation = Conversation.objects.create(
        council=batch.council,
        account=account,
        network=mention.network,
        resident_handle=mention.author_handle[:300],
        resident_name=mention.author_name[:300],
        thread_key=_thread_key(mention),
        kind=mention.kind,
        subject=" ".join(mention.text.split())[:120],
        priority=_priority(mention),
        service=service,
        team=route.team if route is not None else None,
        first_message_at=mention.posted_at,
        last_message_at=mention.posted_at,
        next_due_at=due["first_response_due_at"],
        status_changed_at=timezone.now(),
        **due,
    )
    start_history(
        obj=conversation,
        history=ConversationStatusChange,
        actor_user=None,
        actor_label=SYSTEM.display,
        note=f"Routed by label '{mention.service_label}'" if route else "Not routed",
    )
    if route is not None:
        Assignment.objects.create(
            conversation=conversation,
            service=route.service,
            team=route.team,
            label=route.service_label,
            actor_label=SYSTEM.display,
        )
    return conversation


def _continue(conversation: Conversation, mention: Mention, batch: _Batch) -> None:
    """The resident wrote again: the newest time moves on; waiting on them or closed reopens,
    with a fresh first-response clock from this message."""
    if mention.posted_at > conversation.last_message_at:
        conversation.last_message_at = mention.posted_at
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=mention.posted_at)
    if conversation.status not in {C.AWAITING_RESIDENT, *workflow.CLOSED}:
        return
    due = deadlines(
        calendar=batch.calendar,
        target=target_for(batch.targets, conversation.service),
        since=mention.posted_at,
    )
    move_conversation(
        conversation,
        C.AWAITING_REPLY,
        actor=SYSTEM,
        note="The resident wrote again",
        first_responded_at=None,
        resolved_at=None,
        outcome="",
        first_response_due_at=due["first_response_due_at"],
        resolution_due_at=due["resolution_due_at"],
        next_due_at=due["first_response_due_at"],
    )


def _note_escalations(conversation: Conversation, mention: Mention, batch: _Batch) -> None:
    """Decided here, raised after the batch commits (each escalation is its own record)."""
    if mention.safeguarding:
        reasons = ", ".join(str(r) for r in mention.safeguarding_reasons) or "flagged by listening"
        batch.to_escalate.append((conversation, "safeguarding", f"Safeguarding: {reasons}"))
    if mention.offensive:
        batch.to_escalate.append(
            (conversation, "moderation", "Threats or abuse: flagged offensive by listening")
        )
    if asks_for_recorded_information(mention.text) and looks_like_real_name(mention.author_name):
        batch.to_escalate.append(
            (conversation, "foi", "A request for recorded information from a named person")
        )


def _escalate(batch: _Batch) -> int:
    raised = 0
    for conversation, kind, reason in batch.to_escalate:
        try:
            raise_escalation(conversation=conversation, kind=kind, reason=reason, actor=SYSTEM)
        except EscalationRefused:
            continue  # already escalated for this: one record per concern
        raised += 1
    return raised


def mark_deleted_messages(*, council: Council, since: datetime.datetime) -> int:
    """Messages whose mention was deleted on the network are marked, never removed."""
    ids = deleted_mention_ids(council=council, since=since)
    if not ids:
        return 0
    now = timezone.now()
    with transaction.atomic():
        marked = Message.objects.filter(
            conversation__council=council, mention_id__in=ids, deleted_on_network_at__isnull=True
        ).update(deleted_on_network_at=now)
        if marked:
            record(
                council=council,
                actor=SYSTEM,
                action="inbox.messages_deleted_on_network",
                summary=f"{marked} messages marked deleted on the network (Herald keeps its copy)",
            )
    return marked
