"""The reputation dashboard (the landing page of listening) and its CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from herald.councils.access import council_required, current_context
from herald.listening.insight.dashboard import Dashboard, DashboardFilters, build_dashboard
from herald.listening.insight.export import dashboard_lines, record_export
from herald.listening.insight.forms import DashboardFilterForm
from herald.listening.insight.privacy import settings_for
from herald.listening.insight.roles import MANAGERS, READERS
from herald.listening.presenters import insight as present
from herald.listening.views.insight.common import (
    actor_for,
    can_manage,
    cleaned,
    csv_response,
    kept_query,
    period,
)


def _board(request: HttpRequest) -> tuple[DashboardFilterForm, Dashboard]:
    council = current_context(request).council
    form = DashboardFilterForm(request.GET or None, council=council)
    start, end = period(form)
    data = cleaned(form)
    filters = DashboardFilters(
        start=start,
        end=end,
        source=data.get("source"),
        topic=data.get("topic") or "",
        sentiment=data.get("sentiment") or "",
    )
    return form, build_dashboard(council, filters)


@council_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, board = _board(request)
    shown = settings_for(current_context(request).council).authors_in_exports
    return render(
        request,
        "listening/insight/dashboard.jinja",
        {
            **present.dashboard_page(board, authors_shown=shown),
            "form": form,
            "query_string": kept_query(request),
            "can_export": can_manage(request),
        },
    )


@council_required(*MANAGERS)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    _, board = _board(request)
    record_export(
        council=current_context(request).council,
        actor=actor_for(request),
        what="the listening dashboard's daily figures",
        filters=kept_query(request),
    )
    filename = f"listening-{board.filters.start:%Y%m%d}-{board.filters.end:%Y%m%d}.csv"
    return csv_response(dashboard_lines(board), filename)
