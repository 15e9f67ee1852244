"""Escalations: the open ones with their clocks, and one with its evidence, to accept or close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required
from herald.inbox import presenters, selectors, services
from herald.inbox.forms import EscalationMoveForm
from herald.inbox.models import Escalation
from herald.inbox.selectors import WORKERS
from herald.inbox.views.common import actor_for, council_of, show_error

if TYPE_CHECKING:
    from uuid import UUID

HEAD = [{"text": t} for t in ("Escalation", "Reason", "With", "Due", "Status")]


@council_required(*WORKERS)
def escalation_list(request: HttpRequest) -> HttpResponse:
    show_closed = request.GET.get("closed") == "1"
    found = selectors.escalations(council=council_of(request), open_only=not show_closed)[:500]
    return render(
        request,
        "inbox/escalations.jinja",
        {
            "head": HEAD,
            "rows": [presenters.escalation_row(e) for e in found],
            "show_closed": show_closed,
        },
    )


@council_required(*WORKERS)
def escalation_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    try:
        escalation = selectors.escalation(council=council_of(request), public_id=public_id)
    except Escalation.DoesNotExist as missing:
        raise Http404 from missing
    posted = request.method == "POST"
    form = EscalationMoveForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            services.move_escalation(
                escalation=escalation,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                reference=form.cleaned_data["reference"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Escalation updated")
            return redirect("inbox:escalation", public_id=escalation.public_id)
    return render(
        request,
        "inbox/escalation.jinja",
        {
            "escalation": escalation,
            "form": form,
            "history": list(escalation.status_changes.all()),
            "can_move": escalation.status != Escalation.Status.CLOSED,
        },
    )
