"""Restricted conduct and performance records. Anyone who may not see a record gets a 404:
that a record exists at all is itself sensitive."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.learning import conduct_access, selectors
from herald.learning.forms import AdviceNoteForm, ConductRecordForm, OutcomeForm, RetentionForm
from herald.learning.models import ConductRecord
from herald.learning.services import conduct as services
from herald.learning.views.common import actor_for, own_record, posted
from herald.people.selectors import direct_reports


def _is_hr(context: CouncilContext) -> bool:
    return context.has_any(Role.HR)


@council_required(Role.HR)
def open_records(request: HttpRequest) -> HttpResponse:
    """HR's list of every open record, and the retention period."""
    context = current_context(request)
    form = RetentionForm(
        posted(request),
        initial={"months": selectors.conduct_retention_months(council=context.council)},
    )
    if request.method == "POST" and form.is_valid():
        services.set_conduct_retention(
            council=context.council,
            months=form.cleaned_data["months"],
            actor=actor_for(request, context),
        )
        messages.success(request, "Retention period saved")
        return redirect("learning:conduct_records")
    records = selectors.open_conduct_records(council=context.council)
    return render(request, "learning/conduct_list.jinja", {"records": records, "form": form})


@council_required(Role.LINE_MANAGER)
def record_matter(request: HttpRequest, staff_id: UUID) -> HttpResponse:
    """Only the person's line manager opens a record; for anyone else the person is a 404."""
    context = current_context(request)
    manager = own_record(context)
    person = direct_reports(manager=manager).filter(public_id=staff_id).first()
    if person is None:
        raise Http404
    form = ConductRecordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matter = services.open_conduct_record(
                council=context.council,
                staff_member=person,
                raised_by=manager,
                kind=data["kind"],
                summary=data["summary"],
                occurred_on=data["occurred_on"],
                actor=actor_for(request, context),
            )
        except DomainError as error:
            form.add_error("occurred_on", error.message)
        else:
            return redirect("learning:conduct_record", public_id=matter.public_id)
    return render(request, "learning/conduct_form.jinja", {"form": form, "person": person})


@council_required()
def record_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The record, its advice and outcome; every showing of it is audited."""
    context = current_context(request)
    matter = selectors.conduct_record(council=context.council, public_id=public_id)
    viewer, is_hr = context.membership.staff_member, _is_hr(context)
    if not conduct_access.may_see(matter, viewer=viewer, is_hr=is_hr):
        raise Http404
    which = request.POST.get("form") if request.method == "POST" else None
    note_form = AdviceNoteForm(posted(request) if which == "note" else None)
    outcome_form = OutcomeForm(posted(request) if which == "outcome" else None)
    if which == "note" and conduct_access.may_add_note(matter, is_hr=is_hr):
        if _act(request, context, matter, note_form):
            return redirect("learning:conduct_record", public_id=matter.public_id)
    elif which == "outcome" and conduct_access.may_close(matter, viewer=viewer, is_hr=is_hr):
        if _act(request, context, matter, outcome_form):
            return redirect("learning:conduct_record", public_id=matter.public_id)
    elif which is not None:
        raise PermissionDenied
    services.record_conduct_view(matter=matter, actor=actor_for(request, context))
    failed = note_form if note_form.errors else outcome_form
    return render(
        request,
        "learning/conduct_detail.jinja",
        {
            "matter": matter,
            "notes": selectors.conduct_notes(matter=matter),
            "note_form": note_form,
            "outcome_form": outcome_form,
            "form": failed,
            "can_note": conduct_access.may_add_note(matter, is_hr=is_hr),
            "can_close": conduct_access.may_close(matter, viewer=viewer, is_hr=is_hr),
        },
    )


def _act(request: HttpRequest, context: CouncilContext, matter: ConductRecord, form: Form) -> bool:
    """Carry out the posted note or outcome; False (with the error on the form) if it failed."""
    if not form.is_valid():
        return False
    actor = actor_for(request, context)
    try:
        if isinstance(form, AdviceNoteForm):
            services.add_advice_note(matter=matter, body=form.cleaned_data["body"], actor=actor)
            messages.success(request, "Advice added")
        else:
            services.close_conduct_record(
                matter=matter, outcome=form.cleaned_data["outcome"], actor=actor
            )
            messages.success(request, "Outcome recorded and the record closed")
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    return True
