"""The inbox list (filters, saved views, bulk actions) and one conversation's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.councils.access import council_required, current_context
from herald.inbox import presenters, selectors, services, workflow
from herald.inbox.forms import (
    AssignForm,
    BulkForm,
    CloseForm,
    ConsultationForm,
    EscalateForm,
    FilterForm,
    NoteForm,
    PriorityForm,
    ReopenForm,
    TagsForm,
)
from herald.inbox.selectors import VIEWS, WORKERS
from herald.inbox.views.common import (
    actor_for,
    conversation_or_404,
    council_of,
    service_of,
    team_of,
)

if TYPE_CHECKING:
    from uuid import UUID

    from django import forms

    from herald.inbox.models import Conversation

LIST_HEAD = [
    {"text": "Select"},
    {"text": "Message"},
    {"text": "Resident"},
    {"text": "Service"},
    {"text": "With"},
    {"text": "Status"},
    {"text": "Due"},
]


def _filters(request: HttpRequest, form: FilterForm) -> selectors.Filters:
    council = council_of(request)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    service = service_of(council, data.get("service", ""))
    team = team_of(council, data.get("team", ""))
    view = request.GET.get("view", "")
    return selectors.Filters(
        view=view if view in VIEWS else "",
        status=data.get("status") or "open",
        service_id=service.pk if service else None,
        team_id=team.pk if team else None,
        priority=data.get("priority", ""),
        tag=(data.get("tag") or "").strip().lower(),
    )


@council_required(*WORKERS)
def inbox_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = FilterForm(request.GET or None, council=context.council, prefix=None)
    filters = _filters(request, form)
    staff = context.membership.staff_member
    page = selectors.conversation_page(
        council=context.council,
        filters=filters,
        user=context.membership.user,
        team=staff.team if staff is not None else None,
        cursor=request.GET.get("after", ""),
    )
    query = request.GET.copy()
    query["after"] = page.next_cursor
    return render(
        request,
        "inbox/list.jinja",
        {
            "filter_form": form,
            "bulk_form": BulkForm(council=context.council, prefix="bulk"),
            "views": [
                {"key": key, "label": label, "current": key == filters.view}
                for key, label in VIEWS.items()
            ],
            "page": page,
            "head": LIST_HEAD,
            "rows": presenters.list_rows(page.items),
            "next_query": query.urlencode() if page.next_cursor else "",
            "can_edit_settings": context.has_any(*selectors.SETTINGS_EDITORS),
        },
    )


@council_required(*WORKERS)
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    council = council_of(request)
    form = BulkForm(request.POST, council=council, prefix="bulk")
    ids = request.POST.getlist("ids")[:200]
    chosen = list(council.conversations.filter(public_id__in=ids)) if ids else []
    if not form.is_valid() or not chosen:
        messages.error(request, "Select at least one conversation and an action.")
        return redirect("inbox:list")
    action = form.cleaned_data["action"]
    value: object = {
        "assign": team_of(council, form.cleaned_data["team"]),
        "priority": form.cleaned_data["priority"],
        "tag": form.cleaned_data["tag"],
    }.get(action)
    result = services.bulk_apply(
        conversations=chosen, action=action, value=value, actor=actor_for(request)
    )
    summary = f"{result.done} of {len(chosen)} conversations updated."
    if result.refused:
        summary += " Not changed: " + "; ".join(
            f"{c.resident_handle}: {reason}" for c, reason in result.refused[:5]
        )
    messages.success(request, summary)
    return redirect("inbox:list")


def detail_forms(conversation: Conversation, council: Any) -> dict[str, forms.Form]:
    return {
        "assign": AssignForm(
            council=council,
            prefix="assign",
            initial={
                "team": str(conversation.team.public_id) if conversation.team else "",
                "assignee": str(conversation.assignee.public_id) if conversation.assignee else "",
            },
        ),
        "priority": PriorityForm(prefix="priority", initial={"priority": conversation.priority}),
        "tags": TagsForm(prefix="tags", initial={"tags": ", ".join(conversation.tags)}),
        "note": NoteForm(prefix="note"),
        "close": CloseForm(council=council, prefix="close"),
        "reopen": ReopenForm(prefix="reopen"),
        "escalate": EscalateForm(prefix="escalate"),
        "consultation": ConsultationForm(
            council=council,
            prefix="consultation",
            initial={
                "campaign": str(conversation.campaign.public_id) if conversation.campaign else ""
            },
        ),
    }


def render_detail(
    request: HttpRequest, conversation: Conversation, bound: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    council = council_of(request)
    forms_ = detail_forms(conversation, council)
    context: dict[str, Any] = {}
    if bound is not None:
        forms_[bound[0]] = bound[1]
        context["form"] = bound[1]  # the page's error summary
    return render(
        request,
        "inbox/conversation.jinja",
        {
            **context,
            "conversation": conversation,
            "forms": forms_,
            "messages_": [presenters.message_view(m) for m in selectors.messages_of(conversation)],
            "notes": list(conversation.notes.select_related("author")),
            "history": list(conversation.status_changes.all()),
            "assignments": list(
                conversation.assignments.select_related("service", "team", "assignee")
            ),
            "escalations": list(conversation.escalations.all()),
            "earlier": selectors.earlier_contact(conversation=conversation),
            "replies": list(conversation.replies_written.order_by("created_at", "id")),
            "status_tag": presenters.status_tag(conversation),
            "priority_tag": presenters.priority_tag(conversation),
            "due": presenters.due_html(conversation),
            "when": presenters.when,
            "is_open": conversation.status in workflow.OPEN,
            "can_answer": workflow.can_move_conversation(conversation.status, "awaiting_resident"),
            "can_await": workflow.can_move_conversation(conversation.status, "awaiting_reply")
            and conversation.status in workflow.OPEN,
        },
    )


@council_required(*WORKERS)
def conversation_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return render_detail(request, conversation_or_404(request, public_id))
