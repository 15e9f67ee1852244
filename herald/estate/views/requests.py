"""Requests for new accounts: any member of staff asks, the digital team reviews."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.estate import presenters, selectors, services
from herald.estate.forms import RequestForm, ReviewForm
from herald.estate.models import AccountRequest
from herald.estate.selectors import ESTATE_MANAGERS
from herald.estate.views.common import actor_for, show_error

REQUEST_HEAD = presenters.head("Account", "Network", "Service", "Status", "Requested on")


@council_required()
def my_requests(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    mine = selectors.requests_by(council=context.council, user=context.membership.user)
    return render(
        request,
        "estate/requests.jinja",
        {"head": REQUEST_HEAD, "rows": presenters.request_rows(mine)},
    )


@council_required(*ESTATE_MANAGERS)
def queue(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    waiting = selectors.review_queue(council=context.council)
    head = presenters.head(
        "Account", "Network", "Service", "Requested by", "Status", "Requested on"
    )
    return render(
        request,
        "estate/queue.jinja",
        {"head": head, "rows": presenters.request_rows(waiting, with_requester=True)},
    )


@council_required()
def new(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = RequestForm(request.POST or None, council=context.council)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.submit_request(
                council=context.council,
                requested_by=context.membership.user,
                details=form.details(),
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Request sent: the digital team will review it")
            return redirect("estate:request", public_id=made.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": "Request a new social media account",
            "button": "Send request",
            "lede": "The digital team reviews every request. Say why an existing corporate "
            "account cannot do this, and who will run the new one.",
        },
    )


@council_required()
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    made = selectors.visible_request(context=context, public_id=public_id)
    reviewing = selectors.manages_estate(context) and made.status == AccountRequest.Status.SUBMITTED
    form = ReviewForm(request.POST or None) if reviewing else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                _decide(made, form.cleaned_data["decision"], form.cleaned_data["note"], request)
            except DomainError as error:
                show_error(form, error)
            else:
                messages.success(request, f"Request {made.get_status_display().lower()}")
                return redirect("estate:request", public_id=made.public_id)
    return render(
        request,
        "estate/request.jinja",
        {
            "made": made,
            "summary": presenters.request_summary(made),
            "history": presenters.status_history_rows(made.status_changes.all()),
            "form": form,
            "can_resubmit": made.status == AccountRequest.Status.CHANGES_REQUESTED
            and made.requested_by_id == context.membership.user_id,
        },
    )


def _decide(made: AccountRequest, decision: str, note: str, request: HttpRequest) -> None:
    actor = actor_for(request)
    if decision == "approve":
        services.approve_request(request=made, actor=actor, note=note)
    elif decision == "changes":
        services.ask_for_changes(request=made, note=note, actor=actor)
    else:
        services.reject_request(request=made, reason=note, actor=actor)


@council_required()
def resubmit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    made = selectors.visible_request(context=context, public_id=public_id)
    if made.requested_by_id != context.membership.user_id:
        raise Http404
    if made.status != AccountRequest.Status.CHANGES_REQUESTED:
        return redirect("estate:request", public_id=made.public_id)
    initial = {name: getattr(made, name) for name in services.RequestDetails.__annotations__}
    form = RequestForm(request.POST or None, initial=initial, council=context.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.resubmit_request(
                request=made, details=form.details(), actor=actor_for(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Request sent back to the digital team")
            return redirect("estate:request", public_id=made.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": f"Change your request for {made.name}",
            "button": "Send it back",
            "lede": f"The digital team asked: {made.decision_note}",
        },
    )
