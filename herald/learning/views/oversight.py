"""Oversight: a line manager's team, HR's compliance overview by service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.learning import selectors
from herald.learning.compliance import (
    ServiceCompliance,
    cached_compliance_by_service,
    team_training,
)
from herald.learning.views.common import COMPLIANCE_VIEWERS, own_record
from herald.people.selectors import direct_reports

ROLE_LABELS = {role.value: role.label for role in Role}


@council_required(Role.LINE_MANAGER)
def team(request: HttpRequest) -> HttpResponse:
    """The manager's direct reports: training, acknowledgement of the policy, roles held."""
    context = current_context(request)
    manager = own_record(context)
    reports = list(direct_reports(manager=manager))
    rows = team_training(council=context.council, reports=reports, on=timezone.localdate())
    nominations = selectors.nominations_awaiting(council=context.council, manager=manager)
    matters = selectors.team_conduct_records(council=context.council, manager=manager)
    return render(
        request,
        "learning/team.jinja",
        {
            "rows": rows,
            "role_labels": ROLE_LABELS,
            "nominations": nominations,
            "matters": matters,
        },
    )


@council_required(*COMPLIANCE_VIEWERS)
def compliance(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    rows = cached_compliance_by_service(council=context.council, on=timezone.localdate())
    totals = ServiceCompliance(
        service="All services",
        staff=sum(r.staff for r in rows),
        aware=sum(r.aware for r in rows),
        acknowledged=sum(r.acknowledged for r in rows),
        publishers=sum(r.publishers for r in rows),
        publishers_trained=sum(r.publishers_trained for r in rows),
    )
    return render(
        request,
        "learning/compliance.jinja",
        {"rows": rows, "totals": totals, "is_hr": context.has_any(Role.HR)},
    )
