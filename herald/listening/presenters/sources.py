"""How sources, gaps, skipped items and queries are shown: rows for GOV.UK tables and tags, so
the templates only place components."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from herald.listening.models import CaptureGap, Query, SkippedItem, Source
from herald.listening.streams import STREAMED_KINDS

Cell = dict[str, Any]
STATUS_TAGS: dict[str, str] = {
    Source.Status.ACTIVE: "govuk-tag--green",
    Source.Status.FAILING: "govuk-tag--red",
    Source.Status.PAUSED: "govuk-tag--grey",
}


def when(moment: datetime.datetime | None, *, empty: str = "Never") -> str:
    if moment is None:
        return empty
    return timezone.localtime(moment).strftime("%-d %b %Y %H:%M")


def head(*labels: str) -> list[Cell]:
    return [{"text": label} for label in labels]


def status_tag(source: Source) -> str:
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        STATUS_TAGS.get(source.status, ""),
        source.get_status_display(),
    )


def source_rows(sources: Iterable[Source]) -> list[list[Cell]]:
    rows = []
    for source in sources:
        link = format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("listening:source", args=[source.public_id]),
            source.name,
        )
        open_gaps = getattr(source, "open_gaps", 0)
        rows.append(
            [
                {"text": source.name, "html": link},
                {"text": source.get_kind_display()},
                {"text": "", "html": status_tag(source)},
                {"text": when(source.last_polled_at)},
                {"text": f"{open_gaps} open" if open_gaps else "None"},
            ]
        )
    return rows


def gap_rows(gaps: Iterable[CaptureGap]) -> list[list[Cell]]:
    return [
        [
            {"text": when(gap.started_at)},
            {"text": when(gap.ended_at, empty="Still open")},
            {"text": _duration(gap)},
            {"text": gap.reason},
        ]
        for gap in gaps
    ]


def _duration(gap: CaptureGap) -> str:
    seconds = int(((gap.ended_at or timezone.now()) - gap.started_at).total_seconds())
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def skipped_rows(items: Iterable[SkippedItem]) -> list[list[Cell]]:
    return [
        [
            {"text": when(item.skipped_at)},
            {"text": item.remote_id or "(none)"},
            {"text": item.reason},
            {"text": item.excerpt[:120]},
        ]
        for item in items
    ]


def settings_summary(source: Source) -> list[dict[str, Any]]:
    """The source's settings as GOV.UK summary list rows."""
    config = source.config
    rows = [("Kind", source.get_kind_display()), ("Status", source.get_status_display())]
    if config.get("url") or config.get("instance"):
        rows.append(("Address", str(config.get("url") or config.get("instance"))))
    terms = [*config.get("hashtags", []), *config.get("search", []), *config.get("terms", [])]
    if terms:
        rows.append(("Listening for", ", ".join(terms)))
    if source.connection is not None:
        rows.append(("Account", f"{source.connection.network}: {source.connection.external_id}"))
    rows += [
        ("Polled every", f"{source.poll_every_seconds // 60} minutes"),
        ("Last poll", when(source.last_polled_at)),
        ("Next poll", when(source.next_poll_at, empty="Not scheduled")),
    ]
    if source.last_error:
        rows.append(("Last error", source.last_error))
    if source.kind in STREAMED_KINDS:
        rows.append(("Live stream", _stream_state(source)))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _stream_state(source: Source) -> str:
    address = source.config.get("stream_address")
    where = f" from {address}" if address else ""
    if source.stream_error:
        return f"Failing{where}: {source.stream_error} (polling goes on)"
    if source.stream_heard_at is None:
        return f"Not connected yet{where}: heard by polling only"
    return f"Last heard{where} {when(source.stream_heard_at)}"


def query_rows(queries: Iterable[Query], *, can_edit: bool) -> list[list[Cell]]:
    rows = []
    for query in queries:
        name: Cell = {"text": query.name}
        if can_edit:
            name["html"] = format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("listening:edit_query", args=[query.public_id]),
                query.name,
            )
        rows.append(
            [
                name,
                {"text": query.get_topic_display()},
                {"text": query.expression},
                {"text": query.exclusions or "None"},
                {"text": "Active" if query.is_active else "Off"},
            ]
        )
    return rows
