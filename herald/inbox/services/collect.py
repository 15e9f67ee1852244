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
from herald.inbox import workflow
from herald.inbox.detect import asks_for_recorded_information, looks_like_real_name
from herald.inbox.models import (
    AccountReplySettings,
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
    to_escalate: list[tuple[Conversation, str, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


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
        accepted = [m for m in mentions if m.pk not in seen and _accepted(m, council, result)]
        _collect_batch(accepted, batch, result)
        InboxSettings.objects.filter(pk=settings.pk).update(collected_up_to=mentions[-1].pk)
        if result.collected:
            record(
                council=council,
                actor=SYSTEM,
                action="inbox.collected",
                summary=f"{result.collected} messages collected, {result.started} new "
                f"conversations, {result.rejected} rejected",
            )
        # In the same transaction: a safeguarding concern is never collected without its
        # escalation (a failure rolls the batch back and the next run tries again).
        result.escalated = _escalate(batch)
    _acknowledge_out_of_hours(batch.touched)
    return result


def _acknowledge_out_of_hours(conversation_ids: set[int]) -> None:
    """Residents who wrote out of hours hear that the council will answer when it opens, where
    their account has an acknowledgement set (the replies' service decides whether one is due)."""
    # Imported here: the replies' outbox records responses through these services.
    from herald.inbox.replies.out_of_hours import acknowledge_out_of_hours  # noqa: PLC0415

    enabled = AccountReplySettings.objects.filter(out_of_hours_enabled=True).values("account_id")
    due = Conversation.objects.filter(pk__in=conversation_ids, account_id__in=enabled)
    for pk in due.values_list("pk", flat=True):
        acknowledge_out_of_hours(conversation_id=pk)


def _accepted(mention: Mention, council: Council, result: CollectResult) -> bool:
    reason = _rejection(mention, council)
    if reason:
        logger.warning("inbox.collect rejected mention %s: %s", mention.pk, reason)
        result.rejected += 1
    return not reason


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


def _key(mention: Mention) -> tuple[int, str]:
    return (mention.account_id or 0, _thread_key(mention))


def _collect_batch(mentions: list[Mention], batch: _Batch, result: CollectResult) -> None:
    """A batch in a handful of queries: existing threads found at once, new conversations,
    their first history rows, routing records and every message created in bulk."""
    found = Conversation.objects.filter(
        council=batch.council,
        account_id__in={m.account_id for m in mentions},
        thread_key__in={_thread_key(m) for m in mentions},
    )
    existing = {(c.account_id, c.thread_key): c for c in found}
    started: dict[tuple[int, str], tuple[Conversation, ServiceRoute | None]] = {}
    for mention in mentions:
        key = _key(mention)
        if key not in existing and key not in started and mention.account is not None:
            started[key] = _start(mention, mention.account, batch)
    Conversation.objects.bulk_create([c for c, _ in started.values()])
    _first_records(list(started.values()))
    messages = []
    for mention in mentions:
        key = _key(mention)
        conversation = existing.get(key) or started[key][0]
        if key in existing:
            _continue(conversation, mention, batch)
        messages.append(_message(conversation, mention))
        _note_escalations(conversation, mention, batch)
    Message.objects.bulk_create(messages)
    batch.touched.update(message.conversation_id for message in messages)
    result.collected += len(messages)
    result.started += len(started)


def _message(conversation: Conversation, mention: Mention) -> Message:
    return Message(
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


def _first_records(started: list[tuple[Conversation, ServiceRoute | None]]) -> None:
    """Each new conversation's first history row and, when routed, its routing record."""
    ConversationStatusChange.objects.bulk_create(
        ConversationStatusChange(
            conversation=conversation,
            from_status="",
            to_status=conversation.status,
            actor_label=SYSTEM.display,
            note=f"Routed by label '{route.service_label}'" if route else "Not routed",
        )
        for conversation, route in started
    )
    Assignment.objects.bulk_create(
        Assignment(
            conversation=conversation,
            service=route.service,
            team=route.team,
            label=route.service_label,
            actor_label=SYSTEM.display,
        )
        for conversation, route in started
        if route is not None
    )


def _priority(mention: Mention) -> str:
    if mention.safeguarding:
        return Conversation.Priority.URGENT
    if mention.offensive:
        return Conversation.Priority.HIGH
    return Conversation.Priority.NORMAL


def _start(
    mention: Mention, account: SocialAccount, batch: _Batch
) -> tuple[Conversation, ServiceRoute | None]:
    """A new conversation (not yet saved) routed by the mention's label."""
    route = batch.routes.get(mention.service_label)
    service = route.service if route is not None else None
    due = deadlines(
        calendar=batch.calendar,
        target=target_for(batch.targets, service),
        since=mention.posted_at,
    )
    conversation = Conversation(
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
    return conversation, route


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
    """Decided per message, raised once the batch's messages exist (each its own record)."""
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
