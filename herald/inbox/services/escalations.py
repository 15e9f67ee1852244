"""Escalations, each with its own record and clock: safeguarding to the designated lead at once
(notified, evidence captured), FOI to the FOI team on the 20-working-day clock, complaints to the
complaints team, threats or abuse recorded as a moderation request."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.core.transitions import TransitionNotAllowed, move_status, start_history
from herald.councils.roles import Role
from herald.inbox import workflow
from herald.inbox.detect import looks_like_real_name
from herald.inbox.models import Conversation, Escalation, EscalationStatusChange
from herald.inbox.services.common import calendar_for, settings_for

K = Escalation.Kind
FOI_WORKING_DAYS = 20
COMPLAINT_WORKING_DAYS = 10


class EscalationRefused(DomainError):
    code = "escalation_refused"


def evidence_of(conversation: Conversation) -> list[dict[str, object]]:
    """The messages as they are now, with their network ids and addresses."""
    return [
        {
            "remote_id": message.remote_id,
            "url": message.url,
            "author": message.author_handle,
            "direction": message.direction,
            "text": message.text,
            "sent_at": message.sent_at.isoformat(),
            "deleted_on_network": message.deleted_on_network_at is not None,
        }
        for message in conversation.messages.all()
    ]


def _due_on(kind: str, received: datetime.date, conversation: Conversation) -> datetime.date:
    calendar = calendar_for(settings_for(conversation.council))
    if kind == K.FOI:
        return calendar.add_working_days(received, FOI_WORKING_DAYS)
    if kind == K.COMPLAINT:
        return calendar.add_working_days(received, COMPLAINT_WORKING_DAYS)
    return received  # safeguarding and moderation: at once


def _check(conversation: Conversation, kind: str) -> None:
    if conversation.escalations.filter(kind=kind).exclude(status=Escalation.Status.CLOSED).exists():
        raise EscalationRefused(
            f"This conversation already has an open {K(kind).label.lower()} escalation.",
            code="already_escalated",
        )
    if kind == K.FOI and not looks_like_real_name(conversation.resident_name):
        raise EscalationRefused(
            "A request for recorded information is handled under FOI only when the person's "
            "real name is visible. Answer it as an ordinary enquiry, or ask for their name.",
            code="foi_needs_real_name",
        )


def raise_escalation(
    *, conversation: Conversation, kind: str, reason: str, actor: Actor
) -> Escalation:
    """Open an escalation of ``kind`` with its own clock, sent where the council's settings say."""
    if kind not in K.values:
        raise EscalationRefused("Choose what kind of escalation this is.", code="invalid_kind")
    if not reason.strip():
        raise EscalationRefused("Say why this needs escalating.", code="reason_required")
    _check(conversation, kind)
    settings = settings_for(conversation.council)
    received = timezone.localdate(conversation.last_message_at)
    with transaction.atomic():
        escalation = Escalation.objects.create(
            council=conversation.council,
            conversation=conversation,
            kind=kind,
            reason=reason.strip(),
            assigned_to=settings.safeguarding_lead if kind == K.SAFEGUARDING else None,
            assigned_team={K.FOI: settings.foi_team, K.COMPLAINT: settings.complaints_team}.get(
                K(kind)
            ),
            raised_by=actor.user,
            evidence=evidence_of(conversation),
            received_on=received,
            due_on=_due_on(kind, received, conversation),
        )
        start_history(
            obj=escalation,
            history=EscalationStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=reason,
        )
        if kind == K.SAFEGUARDING and conversation.priority != Conversation.Priority.URGENT:
            Conversation.objects.filter(pk=conversation.pk).update(
                priority=Conversation.Priority.URGENT
            )
            conversation.priority = Conversation.Priority.URGENT
        record(
            council=conversation.council,
            actor=actor,
            action=f"inbox.escalation_{kind}",
            summary=f"{K(kind).label} raised: {conversation}",
            target=escalation,
            changes={"due_on": escalation.due_on.isoformat() if escalation.due_on else None},
        )
        _notify(escalation)
    return escalation


def _recipients(escalation: Escalation) -> list[str]:
    if escalation.assigned_to is not None and escalation.assigned_to.email:
        return [escalation.assigned_to.email]
    council = escalation.council
    team = escalation.assigned_team
    if team is not None:
        members = council.memberships.filter(is_active=True, staff_member__team=team)
    else:
        # Nobody designated: the digital team hears of it rather than nobody.
        members = council.memberships.filter(
            is_active=True, role_assignments__role=Role.DIGITAL_TEAM
        )
    return sorted({m.user.email for m in members.select_related("user") if m.user.email})


def _notify(escalation: Escalation) -> None:
    """Email whoever the escalation went to, once the escalation has committed."""
    recipients = _recipients(escalation)
    if not recipients:
        return
    body = (
        f"{escalation.get_kind_display()} in the social media inbox.\n\n"
        f"Reason: {escalation.reason}\n"
        f"Due: {escalation.due_on:%-d %B %Y}\n\n"
        "Open the escalations page in Herald to see the evidence and take it on."
    )
    transaction.on_commit(
        partial(
            send_mail,
            subject=f"Herald: {escalation.get_kind_display().lower()} escalated to you",
            message=body,
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )
    )


def move_escalation(
    *, escalation: Escalation, to_status: str, actor: Actor, note: str = "", reference: str = ""
) -> Escalation:
    """Accept or close an escalation through its transition table."""
    if not workflow.can_move_escalation(escalation.status, to_status):
        raise TransitionNotAllowed(
            f"An escalation that is {escalation.get_status_display().lower()} cannot become "
            f"{Escalation.Status(to_status).label.lower()}."
        )
    fields: dict[str, Any] = {}
    if reference:
        fields["reference"] = reference[:100]
    if to_status == Escalation.Status.CLOSED:
        fields |= {"closed_at": timezone.now(), "closing_note": note}
    with transaction.atomic():
        from_status = move_status(
            obj=escalation,
            to_status=to_status,
            history=EscalationStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note,
            **fields,
        )
        record(
            council=escalation.council,
            actor=actor,
            action=f"inbox.escalation_{to_status}",
            summary=f"{escalation.get_kind_display()}: {to_status}",
            target=escalation,
            changes={"status": [from_status, to_status]},
        )
    return escalation
