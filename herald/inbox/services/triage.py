"""Triage: routing to a service, team or person, priority, tags, notes, waiting states, closing
with an outcome, reopening, consultations, and the same done to many at once."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.inbox import workflow
from herald.inbox.models import Assignment, Conversation, Note, ServiceRoute
from herald.inbox.services.common import (
    InvalidTriage,
    calendar_for,
    deadlines,
    move_conversation,
    settings_for,
    target_for,
    targets_by_service,
)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Service, Team
    from herald.publishing.models import Campaign

C = Conversation.Status
O = Conversation.Outcome  # noqa: E741 - the outcome choices, as C is the statuses
MAX_TAGS = 10
_TAG = re.compile(r"^[a-z0-9][a-z0-9 -]{0,39}$")
# Channels where a private question after closing is possible: direct messages.
SATISFACTION_KINDS = frozenset({"message"})


def _label_for(conversation: Conversation, service: Service | None) -> str:
    if service is None:
        return ""
    route = ServiceRoute.objects.filter(council=conversation.council, service=service).first()
    return route.service_label if route is not None else service.slug


def _check_owner(
    conversation: Conversation, service: Service | None, team: Team | None, assignee: User | None
) -> None:
    council = conversation.council
    if service is not None and service.council_id != council.pk:
        raise InvalidTriage("Choose one of the council's services.", field="service")
    if team is not None and team.council_id != council.pk:
        raise InvalidTriage("Choose one of the council's teams.", field="team")
    if (
        assignee is not None
        and not council.memberships.filter(user=assignee, is_active=True).exists()
    ):
        raise InvalidTriage("Choose someone who works for the council.", field="assignee")


def assign_conversation(
    *,
    conversation: Conversation,
    service: Service | None,
    team: Team | None,
    assignee: User | None,
    actor: Actor,
) -> Conversation:
    """Route to a service, team or person; a new service brings its own response targets."""
    _check_owner(conversation, service, team, assignee)
    if service is None and team is None and assignee is None:
        raise InvalidTriage("Choose a service, a team or a person.", field="service")
    chosen = service or (team.service if team is not None else None) or conversation.service
    fields: dict[str, Any] = {"service": chosen, "team": team, "assignee": assignee}
    if chosen != conversation.service:
        target = target_for(targets_by_service(conversation.council), chosen)
        calendar = calendar_for(settings_for(conversation.council))
        fields |= deadlines(calendar=calendar, target=target, since=conversation.first_message_at)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(conversation, name, value)
        conversation.next_due_at = _next_due(conversation)
        conversation.save(update_fields=[*fields, "next_due_at", "updated_at"])
        Assignment.objects.create(
            conversation=conversation,
            service=conversation.service,
            team=team,
            assignee=assignee,
            label=_label_for(conversation, conversation.service),
            by_person=actor.user is not None,
            actor_label=actor.display,
        )
        if conversation.status == C.NEW:
            move_conversation(conversation, C.ASSIGNED, actor=actor, note="Assigned")
        record(
            council=conversation.council,
            actor=actor,
            action="inbox.conversation_assigned",
            summary=f"{conversation}: assigned",
            target=conversation,
            changes={
                "service": str(conversation.service or ""),
                "team": str(team or ""),
                "assignee": assignee.display_name if assignee else "",
            },
        )
    return conversation


def _next_due(conversation: Conversation) -> datetime.datetime | None:
    if conversation.status in workflow.CLOSED:
        return None
    if conversation.first_responded_at is None:
        return conversation.first_response_due_at
    return conversation.resolution_due_at


def set_priority(*, conversation: Conversation, priority: str, actor: Actor) -> Conversation:
    """Change how urgent it is."""
    if priority not in Conversation.Priority.values:
        raise InvalidTriage("Choose a priority.", field="priority")
    with transaction.atomic():
        old = conversation.priority
        conversation.priority = priority
        conversation.save(update_fields=["priority", "updated_at"])
        record(
            council=conversation.council,
            actor=actor,
            action="inbox.conversation_priority",
            summary=f"{conversation}: priority {priority}",
            target=conversation,
            changes={"priority": [old, priority]},
        )
    return conversation


def clean_tags(text: str) -> list[str]:
    tags = sorted({t.strip().lower() for t in text.split(",") if t.strip()})
    for tag in tags:
        if not _TAG.match(tag):
            raise InvalidTriage(
                f"Tag '{tag[:40]}' must be letters, numbers, spaces or hyphens (40 at most).",
                field="tags",
            )
    if len(tags) > MAX_TAGS:
        raise InvalidTriage(f"Use {MAX_TAGS} tags or fewer.", field="tags")
    return tags


def set_tags(*, conversation: Conversation, tags: list[str], actor: Actor) -> Conversation:
    """Replace the conversation's tags."""
    with transaction.atomic():
        old = conversation.tags
        conversation.tags = tags
        conversation.save(update_fields=["tags", "updated_at"])
        record(
            council=conversation.council,
            actor=actor,
            action="inbox.conversation_tags",
            summary=f"{conversation}: tags {', '.join(tags) or 'none'}",
            target=conversation,
            changes={"tags": [old, tags]},
        )
    return conversation


def add_note(*, conversation: Conversation, author: User, text: str, actor: Actor) -> Note:
    """An internal note: never sent to the resident."""
    if not text.strip():
        raise InvalidTriage("Enter the note.", field="text")
    with transaction.atomic():
        note = Note.objects.create(conversation=conversation, author=author, text=text.strip())
        record(
            council=conversation.council,
            actor=actor,
            action="inbox.note_added",
            summary=f"{conversation}: note added",
            target=conversation,
        )
    return note


def record_response(*, conversation: Conversation, actor: Actor, note: str = "") -> Conversation:
    """The council has answered: the first-response clock stops and it waits on the resident.
    (Replies call this when one is sent; an officer may also record an answer given elsewhere.)"""
    now = timezone.now()
    first = conversation.first_responded_at or now
    move_conversation(
        conversation,
        C.AWAITING_RESIDENT,
        actor=actor,
        note=note or "Answered",
        first_responded_at=first,
        next_due_at=conversation.resolution_due_at,
    )
    return conversation


def await_reply(*, conversation: Conversation, actor: Actor, note: str = "") -> Conversation:
    """Back on the council's side: it waits for our reply."""
    move_conversation(conversation, C.AWAITING_REPLY, actor=actor, note=note)
    return conversation


@dataclass(frozen=True)
class Closing:
    status: str
    outcome: str
    service: Service | None = None
    satisfaction: int | None = None
    note: str = ""


def close_conversation(
    *, conversation: Conversation, closing: Closing, actor: Actor
) -> Conversation:
    """Close with an outcome (and the service, for the value-for-money figures); satisfaction
    only where the channel let us ask."""
    if closing.status not in workflow.CLOSED:
        raise InvalidTriage("Choose resolved or no action needed.", field="status")
    if closing.outcome not in O.values:
        raise InvalidTriage("Choose the outcome.", field="outcome")
    service = closing.service or conversation.service
    if service is not None and service.council_id != conversation.council_id:
        raise InvalidTriage("Choose one of the council's services.", field="service")
    if service is None and closing.outcome != O.NO_ACTION:
        raise InvalidTriage("Choose the service that dealt with it.", field="service")
    if closing.satisfaction is not None:
        if conversation.kind not in SATISFACTION_KINDS:
            raise InvalidTriage(
                "Satisfaction is asked only in direct messages on this channel.",
                field="satisfaction",
            )
        if not 1 <= closing.satisfaction <= 5:
            raise InvalidTriage("Satisfaction is from 1 to 5.", field="satisfaction")
    with transaction.atomic():
        move_conversation(
            conversation,
            closing.status,
            actor=actor,
            note=closing.note,
            outcome=closing.outcome,
            service=service,
            satisfaction=closing.satisfaction,
            resolved_at=timezone.now(),
            next_due_at=None,
        )
    return conversation


def reopen_conversation(*, conversation: Conversation, actor: Actor, note: str) -> Conversation:
    """Reopened by a person (closed by mistake): it waits for our reply again."""
    if not note.strip():
        raise InvalidTriage("Say why it is being reopened.", field="note")
    move_conversation(
        conversation,
        C.AWAITING_REPLY,
        actor=actor,
        note=note,
        outcome="",
        resolved_at=None,
        next_due_at=conversation.resolution_due_at,
    )
    return conversation


def link_consultation(
    *, conversation: Conversation, campaign: Campaign | None, actor: Actor
) -> Conversation:
    """Count this conversation as a response to a consultation (or unlink it)."""
    if campaign is not None and (
        campaign.council_id != conversation.council_id or not campaign.is_consultation
    ):
        raise InvalidTriage("Choose one of the council's consultations.", field="campaign")
    with transaction.atomic():
        conversation.campaign = campaign
        conversation.save(update_fields=["campaign", "updated_at"])
        record(
            council=conversation.council,
            actor=actor,
            action="inbox.conversation_consultation",
            summary=f"{conversation}: consultation {campaign or 'none'}",
            target=conversation,
        )
    return conversation


@dataclass
class BulkResult:
    done: int
    refused: list[tuple[Conversation, str]]


def bulk_apply(
    *, conversations: list[Conversation], action: str, value: object, actor: Actor
) -> BulkResult:
    """The same triage to many: each in its own transaction, so one refusal stops no other."""
    result = BulkResult(done=0, refused=[])
    for conversation in conversations:
        try:
            _apply(conversation, action, value, actor)
        except DomainError as error:
            result.refused.append((conversation, error.message))
        else:
            result.done += 1
    return result


def _apply(conversation: Conversation, action: str, value: object, actor: Actor) -> None:
    if action == "priority":
        set_priority(conversation=conversation, priority=str(value), actor=actor)
    elif action == "assign":
        assign_conversation(
            conversation=conversation,
            service=None,
            team=value if action == "assign" else None,  # type: ignore[arg-type]
            assignee=None,
            actor=actor,
        )
    elif action == "tag":
        tags = sorted({*conversation.tags, *clean_tags(str(value))})
        set_tags(conversation=conversation, tags=tags, actor=actor)
    elif action == "no_action":
        close_conversation(
            conversation=conversation,
            closing=Closing(status=C.NO_ACTION, outcome=O.NO_ACTION, note="Closed in bulk"),
            actor=actor,
        )
    else:
        raise InvalidTriage("Choose what to do with the conversations.", field="action")
