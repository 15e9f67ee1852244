"""What every inbox service shares: the council's settings and working calendar, response
targets, deadlines, and the one way a conversation's status moves."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.core.transitions import TransitionNotAllowed, move_status
from herald.inbox import workflow
from herald.inbox.models import (
    Conversation,
    ConversationStatusChange,
    InboxSettings,
    ResponseTarget,
)
from herald.inbox.workinghours import DEFAULT_HOURS, WorkingCalendar

if TYPE_CHECKING:
    from herald.councils.models import Council, Service

C = Conversation.Status
MEANWHILE = "Someone else changed this conversation just now. Reload the page to see what they did."


class InvalidTriage(DomainError):
    """The triage choice is wrong; ``field`` names the form field if there is one."""

    code = "invalid_triage"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field


def settings_for(council: Council) -> InboxSettings:
    """The council's inbox settings, made with the defaults the first time they are needed."""
    found, _ = InboxSettings.objects.get_or_create(
        council=council, defaults={"office_hours": dict(DEFAULT_HOURS)}
    )
    return found


def calendar_for(settings: InboxSettings) -> WorkingCalendar:
    return WorkingCalendar(
        office_hours=settings.office_hours or DEFAULT_HOURS, region=settings.bank_holidays
    )


@dataclass(frozen=True)
class Targets:
    first_response_hours: int
    resolution_hours: int


DEFAULT_TARGETS = Targets(first_response_hours=4, resolution_hours=40)


def targets_by_service(council: Council) -> dict[int | None, Targets]:
    """Every target of the council: ``None`` is the council's default."""
    return {
        target.service_id: Targets(target.first_response_hours, target.resolution_hours)
        for target in ResponseTarget.objects.filter(council=council)
    }


def target_for(targets: dict[int | None, Targets], service: Service | None) -> Targets:
    service_id = service.pk if service is not None else None
    return targets.get(service_id) or targets.get(None) or DEFAULT_TARGETS


def deadlines(
    *, calendar: WorkingCalendar, target: Targets, since: datetime.datetime
) -> dict[str, datetime.datetime]:
    """First-response and resolution deadlines counted in office hours from ``since``."""
    return {
        "first_response_due_at": calendar.add_working_hours(since, target.first_response_hours),
        "resolution_due_at": calendar.add_working_hours(since, target.resolution_hours),
    }


def next_due(conversation: Conversation) -> datetime.datetime | None:
    """The deadline still to meet: none once closed, resolution once first answered."""
    if conversation.status in workflow.CLOSED:
        return None
    if conversation.first_responded_at is None:
        return conversation.first_response_due_at
    return conversation.resolution_due_at


def move_conversation(
    conversation: Conversation, to_status: str, *, actor: Actor, note: str = "", **fields: Any
) -> str:
    """Move ``conversation`` through the transition table; the loser of a race is told."""
    if not workflow.can_move_conversation(conversation.status, to_status):
        raise TransitionNotAllowed(
            f"A conversation that is {C(conversation.status).label.lower()} cannot become "
            f"{C(to_status).label.lower()}."
        )
    from_status = move_status(
        obj=conversation,
        to_status=to_status,
        history=ConversationStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile=MEANWHILE,
        status_changed_at=timezone.now(),
        **fields,
    )
    record(
        council=conversation.council,
        actor=actor,
        action=f"inbox.conversation_{to_status}",
        summary=f"{conversation}: {C(to_status).label.lower()}",
        target=conversation,
        changes={"status": [from_status, to_status], **({"note": note} if note else {})},
    )
    return from_status
