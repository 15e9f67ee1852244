"""The KPI dashboard: each aim's KPIs with definition, target, trend chart and its table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from herald.councils.access import council_required, current_context
from herald.programme.kpis import Aim, all_kpis
from herald.programme.report.content import kpi_view
from herald.programme.selectors import READERS
from herald.programme.views.common import can_edit, checked_period


@council_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    period, problem = checked_period(request)
    grouped: dict[Aim, list[object]] = {aim: [] for aim in Aim}
    for kpi in all_kpis(council=council, period=period):
        grouped[kpi.aim].append(kpi_view(kpi))
    return render(
        request,
        "programme/kpis.jinja",
        {"period": period, "problem": problem, "aims": grouped, "can_edit": can_edit(request)},
    )
