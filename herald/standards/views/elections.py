"""Pre-election periods: added, changed and ended (never deleted: they explain past sign-offs)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import current_context
from herald.standards import selectors, services
from herald.standards.forms import ElectionPeriodForm
from herald.standards.models import PreElectionPeriod
from herald.standards.views.settings import _actor, _form_page, editors_only


@editors_only
def periods(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request,
        "standards/elections.jinja",
        {"periods": list(selectors.election_periods(council=council))},
    )


def _save(request: HttpRequest, form: ElectionPeriodForm, period: PreElectionPeriod | None) -> bool:
    data = form.cleaned_data
    fields = {
        "name": data["name"],
        "notice_on": data["notice_on"],
        "polling_on": data["polling_on"],
        "areas": data["areas"],
    }
    try:
        if period is None:
            services.create_election_period(
                council=current_context(request).council, actor=_actor(request), **fields
            )
        else:
            services.update_election_period(period=period, actor=_actor(request), **fields)
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, f"‘{data['name']}’ saved")
    return True


def _period_page(request: HttpRequest, period: PreElectionPeriod | None) -> HttpResponse:
    initial = (
        {
            "name": period.name,
            "notice_on": period.notice_on,
            "polling_on": period.polling_on,
            "areas": period.areas,
        }
        if period
        else {}
    )
    form = ElectionPeriodForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid() and _save(request, form, period):
        return redirect("standards:elections")
    return _form_page(
        request,
        form,
        title=f"Change {period.name}" if period else "Add a pre-election period",
        caption="Pre-election periods",
        intro="From the notice of election to polling day, posts naming councillors, "
        "candidates or parties need the named officer's sign-off.",
        button="Save pre-election period",
        back=("standards:elections", "Back to pre-election periods"),
    )


@editors_only
def add_period(request: HttpRequest) -> HttpResponse:
    return _period_page(request, None)


@editors_only
def edit_period(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    return _period_page(request, selectors.election_period(council=council, public_id=public_id))


@require_POST
@editors_only
def end_period(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    period = selectors.election_period(council=council, public_id=public_id)
    try:
        services.end_election_period(period=period, actor=_actor(request))
    except DomainError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"‘{period.name}’ ended")
    return redirect("standards:elections")
