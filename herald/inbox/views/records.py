"""Outcomes (the value-for-money figures), consultations, and the records search for FOI and
subject access requests with CSV and PDF export."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from herald.audit.services import record
from herald.councils.access import council_required
from herald.inbox import presenters, selectors
from herald.inbox.forms import RecordsForm
from herald.inbox.models import Conversation
from herald.inbox.selectors import SETTINGS_EDITORS, WORKERS
from herald.inbox.views.common import actor_for, council_of

CHART_WIDTH = 480


@council_required(*WORKERS)
def outcomes(request: HttpRequest) -> HttpResponse:
    council = council_of(request)
    rows = selectors.outcome_figures(council=council)
    by_outcome: dict[str, int] = {}
    for row in rows:
        by_outcome[row.outcome] = by_outcome.get(row.outcome, 0) + row.count
    most = max(by_outcome.values(), default=0) or 1
    bars = [
        {"label": label, "count": count, "width": round(count / most * CHART_WIDTH)}
        for label, count in sorted(by_outcome.items(), key=lambda item: -item[1])
    ]
    return render(
        request,
        "inbox/outcomes.jinja",
        {
            "rows": rows,
            "bars": bars,
            "chart_width": CHART_WIDTH,
            "total": sum(by_outcome.values()),
            "targets": selectors.within_target(council=council),
            "satisfaction": selectors.satisfaction(council=council),
        },
    )


@council_required(*WORKERS)
def consultations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inbox/consultations.jinja",
        {"counts": selectors.consultation_counts(council=council_of(request))},
    )


def _query(form: RecordsForm) -> selectors.RecordQuery:
    data: dict[str, Any] = form.cleaned_data
    return selectors.RecordQuery(
        person=data.get("person", "").strip(),
        text=data.get("text", "").strip(),
        since=data.get("since"),
        until=data.get("until"),
    )


@council_required(*SETTINGS_EDITORS)
def records_search(request: HttpRequest) -> HttpResponse:
    form = RecordsForm(request.GET or None)
    found: list[Conversation] | None = None
    if request.GET and form.is_valid():
        query = _query(form)
        if query.person or query.text or query.since or query.until:
            found = selectors.records(council=council_of(request), query=query)
        else:
            form.add_error("person", "Enter a handle or name, words, or dates to search for")
    export = request.GET.get("export", "")
    if found is not None and export in {"csv", "pdf"}:
        return _export(request, found, export)
    return render(
        request,
        "inbox/records.jinja",
        {
            "form": form,
            "found": found,
            "when": presenters.when,
            "query_string": request.GET.urlencode(),
        },
    )


def _export(request: HttpRequest, found: list[Conversation], kind: str) -> HttpResponse:
    council = council_of(request)
    record(
        council=council,
        actor=actor_for(request),
        action="inbox.records_exported",
        summary=f"{len(found)} conversations exported as {kind.upper()} ({request.GET.urlencode()})",
    )
    items = [(c, list(c.messages.order_by("sent_at", "id")), list(c.notes.all())) for c in found]
    if kind == "csv":
        return _csv(items)
    html = render_to_string("inbox/records_pdf.jinja", {"items": items, "council": council})
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy

    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="inbox-records.pdf"'
    return response


def _csv(items: list[tuple[Conversation, list[Any], list[Any]]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "conversation",
            "resident_handle",
            "resident_name",
            "network",
            "kind",
            "when",
            "from",
            "text",
            "deleted_on_network",
            "service",
            "status",
            "outcome",
        ]
    )
    for conversation, messages, notes in items:
        for message in messages:
            writer.writerow(
                [
                    conversation.public_id,
                    conversation.resident_handle,
                    conversation.resident_name,
                    conversation.network,
                    "message",
                    message.sent_at.isoformat(),
                    message.author_handle or "council",
                    message.text,
                    "yes" if message.deleted_on_network_at else "",
                    conversation.service.name if conversation.service else "",
                    conversation.status,
                    conversation.outcome,
                ]
            )
        for note in notes:
            writer.writerow(
                [
                    conversation.public_id,
                    conversation.resident_handle,
                    conversation.resident_name,
                    conversation.network,
                    "internal note",
                    note.created_at.isoformat(),
                    note.author.display_name,
                    note.text,
                    "",
                    conversation.service.name if conversation.service else "",
                    conversation.status,
                    conversation.outcome,
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inbox-records.csv"'
    return response
