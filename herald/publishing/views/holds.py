"""Holds: the council's kill switch (start and lift) and the review queue of held posts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.publishing import presenters, rules, selectors, services
from herald.publishing.forms import HoldForm, NoteForm, ReleaseForm
from herald.publishing.models import Hold
from herald.publishing.views.common import actor_for, page, show_error

if TYPE_CHECKING:
    from uuid import UUID

    from django import forms

    from herald.councils.context import CouncilContext

HOLD_HEAD = presenters.head("Kind", "Reason", "Accounts", "Started by", "Started", "Status")


def _hold_form(context: CouncilContext, data: Any = None) -> HoldForm:
    council = context.council
    return HoldForm(
        data,
        accounts=council.social_accounts.open().order_by("name"),
        periods=council.pre_election_periods.all(),
        officers=council.memberships.active().select_related("user").order_by("user__username"),
    )


@council_required(*rules.READERS)
def holds_page(request: HttpRequest) -> HttpResponse:
    """Everyone who works with posts sees the holds; communications leads start and lift them."""
    context = current_context(request)
    lead = context.has_any(*rules.HOLD_MANAGERS)
    form: forms.Form | None = None
    if request.method == "POST":
        if not lead:
            raise Http404
        form = _start(request, context)
        if form is None:
            return redirect("publishing:holds")
    return page(request, "publishing/holds.jinja", _values(context, lead, form))


def _values(context: CouncilContext, lead: bool, form: forms.Form | None) -> dict[str, Any]:
    council = context.council
    holds = selectors.council_holds(council).prefetch_related("accounts")
    active = [h for h in holds if h.status == Hold.Status.ACTIVE]
    queue = list(selectors.review_queue(council))
    values: dict[str, Any] = {
        "lead": lead,
        "active": [{"hold": h, "lift_form": NoteForm()} for h in active],
        "past_head": HOLD_HEAD,
        "past": presenters.hold_rows(h for h in holds if h.status != Hold.Status.ACTIVE),
        "queue": [
            {
                "post": post,
                "release_form": ReleaseForm(prefix=f"r{post.pk}"),
                "problems": services.release_problems(post),
                "accounts": ", ".join(
                    v.account.name for v in post.variants.select_related("account")
                ),
            }
            for post in queue
        ],
        "still_held": selectors.held_posts(council).exclude(pk__in=[p.pk for p in queue]),
        "start_form": _hold_form(context),
    }
    if form is not None:
        values["form"] = form
        if isinstance(form, HoldForm):
            values["start_form"] = form
    return values


def _start(request: HttpRequest, context: CouncilContext) -> forms.Form | None:
    form = _hold_form(context, request.POST)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    officer = form.officer_map.get(data.get("named_officer") or "")
    details = services.HoldDetails(
        kind=data["kind"],
        reason=data["reason"],
        accounts=[form.account_map[k] for k in data.get("accounts", [])],
        allowed_categories=data["allowed_categories"],
        election_period=form.period_map.get(data.get("election_period") or ""),
        named_officer=officer.user if officer else None,
    )
    try:
        hold = services.start_hold(
            council=context.council, details=details, actor=actor_for(request)
        )
    except DomainError as error:
        show_error(form, error)
        return form
    messages.success(request, f"{hold.get_kind_display()} started")
    return None


@require_POST
@council_required(*rules.HOLD_MANAGERS)
def lift(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    hold = selectors.visible_hold(council=context.council, public_id=public_id)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        services.lift_hold(
            hold=hold, actor=actor_for(request), note=form.cleaned_data.get("note", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{hold.get_kind_display()} lifted: held posts are in the review queue"
        )
    return redirect("publishing:holds")


@require_POST
@council_required(*rules.HOLD_MANAGERS)
def release(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """One held post from the review queue: publish now, reschedule or cancel."""
    context = current_context(request)
    post = selectors.visible_post(council=context.council, public_id=public_id)
    form = ReleaseForm(request.POST, prefix=f"r{post.pk}")
    if form.is_valid():
        try:
            services.release_post(
                post=post,
                actor=actor_for(request),
                action=form.cleaned_data["action"],
                when=form.cleaned_data.get("when"),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{post.title}: {post.get_status_display().lower()}")
            return redirect("publishing:holds")
    values = _values(context, True, form)
    for row in values["queue"]:
        if row["post"].pk == post.pk:
            row["release_form"] = form
    return page(request, "publishing/holds.jinja", values)
