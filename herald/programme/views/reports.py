"""Committee reports: the list, a new draft, the report as a page, editing, finalising, the PDF."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme import selectors
from herald.programme.forms import FinaliseForm, ReportForm, SectionsForm
from herald.programme.models import Report
from herald.programme.report.render import render_body
from herald.programme.report.sections import KEYS
from herald.programme.selectors import EDITORS, READERS
from herald.programme.services import reports as services
from herald.programme.views.common import actor_for, can_edit, default_period, show_error


@council_required(*READERS)
def report_list(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    found = selectors.reports(council=council)
    if not can_edit(request):
        found = found.filter(status=Report.Status.FINAL)  # the committee reads what was finalised
    return render(
        request, "programme/reports.jinja", {"reports": list(found), "can_edit": can_edit(request)}
    )


@council_required(*EDITORS)
def new_report(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    period = default_period()
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={"period_from": period.start, "period_to": period.end},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_report(
                council=council,
                period_from=data["period_from"],
                period_to=data["period_to"],
                title=data["title"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error("period_to", error.message)
        else:
            messages.success(
                request, "Drafted the report: complete the author's sections, then finalise it"
            )
            return redirect("programme:report", public_id=made.public_id)
    return render(
        request,
        "programme/form.jinja",
        {
            "form": form,
            "title": "Draft a report to Policy Committee",
            "button": "Draft the report",
            "back": ("/programme/reports/", "reports"),
        },
    )


def _visible_report(request: HttpRequest, public_id: UUID) -> Report:
    council = current_context(request).council
    found = selectors.report(council=council, public_id=public_id)
    if found.status != Report.Status.FINAL and not can_edit(request):
        raise Http404
    return found


@council_required(*READERS)
def report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _visible_report(request, public_id)
    if found.status == Report.Status.FINAL:
        body = mark_safe(found.final_html)  # noqa: S308 - Herald's own rendering, frozen when finalised
    else:
        body = mark_safe(render_body(services.report_content(report=found)))  # noqa: S308 - autoescaped template
    return render(
        request,
        "programme/report.jinja",
        {"report": found, "body": body, "can_edit": can_edit(request)},
    )


@council_required(*EDITORS)
def edit_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _visible_report(request, public_id)
    if found.status != Report.Status.DRAFT:
        messages.info(request, "This report has been finalised and can no longer be changed")
        return redirect("programme:report", public_id=found.public_id)
    initial = {"title": found.title, **{k: found.sections.get(k, "") for k in KEYS}}
    form = SectionsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_report(
                report=found,
                title=data["title"],
                sections={k: data[k] for k in KEYS},
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Saved the report's sections")
            return redirect("programme:report", public_id=found.public_id)
    return render(
        request,
        "programme/form.jinja",
        {
            "form": form,
            "title": "Edit the author's sections",
            "button": "Save the sections",
            "back": (f"/programme/reports/{found.public_id}/", found.title),
        },
    )


@council_required(*EDITORS)
def finalise(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _visible_report(request, public_id)
    form = FinaliseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finalise_report(report=found, actor=actor_for(request))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, "Finalised the report: it is kept as the committee will read it"
            )
            return redirect("programme:report", public_id=found.public_id)
    return render(
        request,
        "programme/form.jinja",
        {
            "form": form,
            "title": f"Finalise: {found.title}",
            "lede": "A finalised report is frozen: its page and PDF are kept exactly as they are now and cannot be edited.",
            "button": "Finalise the report",
            "back": (f"/programme/reports/{found.public_id}/", found.title),
        },
    )


@council_required(*READERS)
def report_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _visible_report(request, public_id)
    response = HttpResponse(services.report_pdf(report=found), content_type="application/pdf")
    name = f"committee-report-{found.period_from}-{found.period_to}{'' if found.status == Report.Status.FINAL else '-draft'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
