"""The conversation page's actions: each a small form posted to its own address, redirecting
back on success and showing the page again with the GOV.UK error summary when refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.inbox import services
from herald.inbox.forms import (
    AssignForm,
    CloseForm,
    ConsultationForm,
    CouncilForm,
    EscalateForm,
    NoteForm,
    PriorityForm,
    ReopenForm,
    TagsForm,
)
from herald.inbox.selectors import WORKERS
from herald.inbox.views.common import (
    actor_for,
    conversation_or_404,
    council_of,
    person_of,
    service_of,
    show_error,
    team_of,
)
from herald.inbox.views.conversations import render_detail

if TYPE_CHECKING:
    from uuid import UUID

    from django import forms

    from herald.inbox.models import Conversation

Action = Callable[[HttpRequest, "Conversation", dict[str, Any]], str]


def _handle(
    request: HttpRequest, public_id: UUID, name: str, form_class: type[forms.Form], act: Action
) -> HttpResponse:
    conversation = conversation_or_404(request, public_id)
    form: forms.Form
    if issubclass(form_class, CouncilForm):
        form = form_class(request.POST, prefix=name, council=council_of(request))
    else:
        form = form_class(request.POST, prefix=name)
    if form.is_valid():
        try:
            done = act(request, conversation, form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, done)
            return redirect("inbox:conversation", public_id=conversation.public_id)
    conversation.refresh_from_db()
    return render_detail(request, conversation, (name, form))


def _assign(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    council = council_of(request)
    services.assign_conversation(
        conversation=conversation,
        service=service_of(council, data["service"]),
        team=team_of(council, data["team"]),
        assignee=person_of(council, data["assignee"]),
        actor=actor_for(request),
    )
    return "Assigned"


def _priority(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    services.set_priority(
        conversation=conversation, priority=data["priority"], actor=actor_for(request)
    )
    return "Priority changed"


def _tags(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    tags = services.clean_tags(data["tags"])
    services.set_tags(conversation=conversation, tags=tags, actor=actor_for(request))
    return "Tags saved"


def _note(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    services.add_note(
        conversation=conversation,
        author=current_context(request).membership.user,
        text=data["text"],
        actor=actor_for(request),
    )
    return "Note added"


def _close(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    closing = services.Closing(
        status=data["status"],
        outcome=data["outcome"],
        service=service_of(council_of(request), data["service"]),
        satisfaction=data.get("satisfaction"),
        note=data.get("note", ""),
    )
    services.close_conversation(
        conversation=conversation, closing=closing, actor=actor_for(request)
    )
    return "Conversation closed"


def _reopen(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    services.reopen_conversation(
        conversation=conversation, actor=actor_for(request), note=data["note"]
    )
    return "Conversation reopened"


def _escalate(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    escalation = services.raise_escalation(
        conversation=conversation,
        kind=data["kind"],
        reason=data["reason"],
        actor=actor_for(request),
    )
    return f"Escalated: {escalation.get_kind_display()}"


def _consultation(request: HttpRequest, conversation: Conversation, data: dict[str, Any]) -> str:
    campaign = None
    if data["campaign"]:
        campaign = council_of(request).campaigns.filter(public_id=data["campaign"]).first()
    services.link_consultation(
        conversation=conversation, campaign=campaign, actor=actor_for(request)
    )
    return "Consultation saved"


ACTIONS: dict[str, tuple[type[forms.Form], Action]] = {
    "assign": (AssignForm, _assign),
    "priority": (PriorityForm, _priority),
    "tags": (TagsForm, _tags),
    "note": (NoteForm, _note),
    "close": (CloseForm, _close),
    "reopen": (ReopenForm, _reopen),
    "escalate": (EscalateForm, _escalate),
    "consultation": (ConsultationForm, _consultation),
}


@council_required(*WORKERS)
@require_POST
def act(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    form_class, handler = ACTIONS[action]
    return _handle(request, public_id, action, form_class, handler)


@council_required(*WORKERS)
@require_POST
def answered(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Record that the council has answered (elsewhere, or by phone): it now waits on them."""
    conversation = conversation_or_404(request, public_id)
    try:
        services.record_response(conversation=conversation, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Recorded as answered: waiting on the resident")
    return redirect("inbox:conversation", public_id=conversation.public_id)


@council_required(*WORKERS)
@require_POST
def await_reply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = conversation_or_404(request, public_id)
    try:
        services.await_reply(conversation=conversation, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Marked as awaiting our reply")
    return redirect("inbox:conversation", public_id=conversation.public_id)
