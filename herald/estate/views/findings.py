"""Findings from the housekeeping check, the dashboard by service, and its CSV export."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.estate import presenters, selectors, services
from herald.estate.dashboard import Dashboard
from herald.estate.forms import AssignForm, SettingsForm
from herald.estate.models import Finding
from herald.estate.selectors import ESTATE_MANAGERS, ESTATE_VIEWERS, REGISTER_ROLES
from herald.estate.views.common import actor_for, show_error


@council_required(*REGISTER_ROLES)
def findings(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    kind = request.GET.get("kind", "")[:40]
    service = request.GET.get("service", "")[:80]
    found = selectors.visible_findings(context=context, kind=kind, service_slug=service)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    services_list = context.council.services.filter(is_active=True).values_list("slug", "name")
    return render(
        request,
        "estate/findings.jinja",
        {
            "page": page,
            "head": presenters.FINDING_HEAD,
            "rows": presenters.finding_rows(page.object_list, today=timezone.localdate()),
            "kind_items": presenters.filter_items(
                Finding.Kind.choices, kind, everything="All findings"
            ),
            "service_items": presenters.filter_items(
                services_list, service, everything="All services"
            ),
            "manager": selectors.manages_estate(context),
        },
    )


@require_POST
@council_required(*ESTATE_MANAGERS)
def run_check(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    result = services.run_housekeeping(council=context.council, actor=actor_for(request))
    messages.success(
        request,
        f"Checked {result.accounts} accounts: {result.raised} new findings, "
        f"{result.resolved} resolved, {result.still_open} still open",
    )
    return redirect("estate:findings")


@council_required(*REGISTER_ROLES)
def finding(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.visible_finding(context=context, public_id=public_id)
    manager = selectors.manages_estate(context)
    initial = {"assignee": found.assignee, "due_on": found.due_on}
    form = (
        AssignForm(request.POST or None, initial=initial, council=context.council)
        if manager
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.assign_finding(
                finding=found,
                assignee=form.cleaned_data["assignee"],
                due_on=form.cleaned_data["due_on"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Assigned to {found.assignee}")
            return redirect("estate:finding", public_id=found.public_id)
    return render(
        request,
        "estate/finding.jinja",
        {"finding": found, "form": form, "rows": presenters.finding_summary(found)},
    )


@council_required(*ESTATE_VIEWERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    board = Dashboard.for_council(council=context.council, today=timezone.localdate())
    return render(request, "estate/dashboard.jinja", {"board": board})


@council_required(*ESTATE_VIEWERS)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    board = Dashboard.for_council(council=context.council, today=timezone.localdate())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="estate-health.csv"'
    writer = csv.writer(response)
    for row in board.csv_rows():
        writer.writerow(row)
    return response


@council_required(*ESTATE_MANAGERS)
def check_settings(request: HttpRequest) -> HttpResponse:
    """The digital team sets how long before an account is dormant and how often reviews fall."""
    context = current_context(request)
    current = services.estate_settings(council=context.council)
    initial = {
        "dormant_after_days": current.dormant_after_days,
        "review_every_days": current.review_every_days,
        "connection_expiry_days": current.connection_expiry_days,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_estate_settings(
            council=context.council, actor=actor_for(request), **form.cleaned_data
        )
        messages.success(request, "Saved: the next check uses these thresholds")
        return redirect("estate:findings")
    return render(
        request,
        "estate/form.jinja",
        {"form": form, "title": "Housekeeping check settings", "button": "Save settings"},
    )
