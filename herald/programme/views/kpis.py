"""The KPI dashboard: each aim's KPIs with definition, target, trend chart and its table."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme.forms import KpiTargetForm
from herald.programme.kpis import KPI_UNITS, Aim, all_kpis
from herald.programme.report.content import kpi_view
from herald.programme.selectors import EDITORS, READERS
from herald.programme.services import money
from herald.programme.views.common import actor_for, can_edit, checked_period, default_period


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


@council_required(*EDITORS)
def targets(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    found = all_kpis(council=council, period=default_period())
    form = KpiTargetForm(
        request.POST if request.method == "POST" else None,
        choices=[(k.key, k.name) for k in found],
    )
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["key"]
        try:
            money.set_kpi_target(
                council=council,
                key=key,
                value=form.cleaned_data["value"],
                unit=KPI_UNITS[key].value,
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error("value", error.message)
        else:
            messages.success(request, "Saved the target")
            return redirect("programme:targets")
    return render(
        request, "programme/targets.jinja", {"form": form, "kpis": found, "can_edit": True}
    )
