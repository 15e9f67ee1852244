"""The reputation dashboard (the landing page of listening) and its CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from herald.councils.access import council_required, current_context
from herald.listening.insight.dashboard import Dashboard, DashboardFilters, build_dashboard
from herald.listening.insight.export import dashboard_lines, record_export
from herald.listening.insight.forms import DashboardFilterForm
from herald.listening.insight.privacy import settings_for
from herald.listening.presenters import insight as present
from herald.listening.views.insight.common import (
    MANAGERS,
    READERS,
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
    tally_head = present.head
    return render(
        request,
        "listening/insight/dashboard.jinja",
        {
            "form": form,
            "board": board,
            "volume": present.volume_chart(board),
            "net": present.net_chart(board),
            "voice": present.share_bars([(q.name, t) for q, t in board.queries]),
            "day_head": tally_head(
                "Day",
                "Mentions",
                "Positive",
                "Neutral",
                "Negative",
                "Net sentiment",
                numeric=(1, 2, 3, 4, 5),
            ),
            "day_rows": [
                [
                    present.cell(f"{day:%a %-d %b %Y}"),
                    present.cell(t.total, numeric=True),
                    present.cell(t.positive, numeric=True),
                    present.cell(t.neutral, numeric=True),
                    present.cell(t.negative, numeric=True),
                    present.cell("–" if t.net is None else f"{t.net:+.0f}", numeric=True),
                ]
                for day, t in board.per_day.items()
            ],
            "tally_head": lambda first: tally_head(
                first, *present.TALLY_HEAD, numeric=(1, 2, 3, 4)
            ),
            "service_rows": [
                present.tally_row(n.replace("_", " "), t) for n, t in board.services[:10]
            ],
            "source_rows": [present.tally_row(n, t) for n, t in board.sources[:10]],
            "topic_rows": [present.tally_row(n, t) for n, t in board.topics],
            "query_rows": [present.tally_row(q.name, t) for q, t in board.queries[:10]],
            "authors": [
                (present.author(handle, index, shown=shown), network, count)
                for index, (handle, network, count) in enumerate(board.authors, start=1)
            ],
            "authors_shown": shown,
            "engaged": [
                (m, present.mention_path(m), present.local(m.posted_at)) for m in board.engaged
            ],
            "gaps": [
                (
                    g,
                    present.local(g.started_at),
                    present.local(g.ended_at) if g.ended_at else "Still failing",
                )
                for g in board.gaps
            ],
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
