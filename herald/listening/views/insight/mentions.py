"""Mentions: the filtered list, one mention in full, and the CSV export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from herald.core.paging import govuk_pagination
from herald.councils.access import council_required, current_context
from herald.listening.insight import mentions as selectors
from herald.listening.insight.export import mention_lines, record_export
from herald.listening.insight.forms import MentionFilterForm
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

PER_PAGE = 50


def _filtered(request: HttpRequest) -> tuple[MentionFilterForm, selectors.MentionFilters]:
    council = current_context(request).council
    form = MentionFilterForm(request.GET or None, council=council)
    start, end = period(form)
    data = cleaned(form)
    filters = selectors.MentionFilters(
        start=start,
        end=end,
        source=data.get("source"),
        query=data.get("query"),
        topic=data.get("topic") or "",
        sentiment=data.get("sentiment") or "",
        service=data.get("service") or "",
        flag=data.get("flag") or "",
    )
    return form, filters


@council_required(*READERS)
def mention_list(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form, filters = _filtered(request)
    found = selectors.filtered_mentions(council, filters)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    shown = settings_for(council).authors_in_exports
    rows = [
        {
            "mention": mention,
            "path": present.mention_path(mention),
            "when": present.local(mention.posted_at),
            "author": present.author(mention.author_handle, index, shown=shown),
        }
        for index, mention in enumerate(page.object_list, start=page.start_index())
    ]
    return render(
        request,
        "listening/insight/mentions.jinja",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "pagination": govuk_pagination(page, **kept_query(request)),
            "query_string": kept_query(request),
            "can_export": can_manage(request),
            "authors_shown": shown,
        },
    )


@council_required(*READERS)
def mention_detail(request: HttpRequest, network: str, key: str) -> HttpResponse:
    council = current_context(request).council
    mention = selectors.mention_of(council, network, key)
    shown = settings_for(council).authors_in_exports
    duplicates = [
        {
            "mention": other,
            "path": present.mention_path(other),
            "when": present.local(other.posted_at),
        }
        for other in selectors.near_duplicates(mention)
    ]
    return render(
        request,
        "listening/insight/mention.jinja",
        {
            "mention": mention,
            "when": present.local(mention.posted_at),
            "link": present.web_link(mention.url),
            "captured": present.local(mention.captured_at),
            "enriched": present.local(mention.enriched_at) if mention.enriched_at else "",
            "author": mention.author_handle if shown else "Not shown (minimised)",
            "versions": sorted((mention.enrichment_versions or {}).items()),
            "queries": list(mention.queries.all()),
            "duplicates": duplicates,
        },
    )


@council_required(*MANAGERS)
def mention_csv(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    _, filters = _filtered(request)
    with_authors = settings_for(council).authors_in_exports
    record_export(
        council=council,
        actor=actor_for(request),
        what="mentions" + (" with authors" if with_authors else " (authors minimised)"),
        filters=kept_query(request),
    )
    lines = mention_lines(selectors.filtered_mentions(council, filters), with_authors=with_authors)
    return csv_response(lines, f"mentions-{timezone.localdate():%Y%m%d}.csv")
