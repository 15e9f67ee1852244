"""CSV exports: the filtered mentions (authors minimised unless the council recorded why it needs
them) and the dashboard's daily figures. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from herald.audit.services import Actor, record

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.listening.insight.dashboard import Dashboard
    from herald.listening.models import Mention

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MENTION_COLUMNS = [
    "posted_at",
    "network",
    "source",
    "url",
    "kind",
    "text",
    "sentiment",
    "sentiment_score",
    "offensive",
    "safeguarding",
    "service",
    "likes",
    "shares",
    "replies",
]
AUTHOR_COLUMNS = ["author_handle", "author_name"]


class _Echo:
    def write(self, value: str) -> str:
        return value


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _mention_row(mention: Mention, *, with_authors: bool) -> list[str]:
    # Text a resident or a network wrote is made safe for spreadsheets; Herald's own numbers
    # (a negative sentiment score starts with "-") are left as numbers.
    text = [safe(mention.network), safe(mention.source.name), safe(mention.url), safe(mention.kind)]
    row = [
        timezone.localtime(mention.posted_at).isoformat(timespec="minutes"),
        *text,
        safe(mention.text),
        mention.sentiment,
        "" if mention.sentiment_score is None else f"{mention.sentiment_score:.3f}",
        "" if mention.offensive is None else str(mention.offensive).lower(),
        "" if mention.safeguarding is None else str(mention.safeguarding).lower(),
        safe(mention.service_label),
        str(mention.likes),
        str(mention.shares),
        str(mention.replies),
    ]
    if with_authors:
        row += [safe(mention.author_handle), safe(mention.author_name)]
    return row


def mention_lines(mentions: QuerySet[Mention], *, with_authors: bool) -> Iterator[str]:
    """The CSV, a line at a time (streamed: an export may hold many thousand mentions)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(MENTION_COLUMNS + (AUTHOR_COLUMNS if with_authors else []))
    for mention in mentions.iterator(chunk_size=2000):
        yield writer.writerow(_mention_row(mention, with_authors=with_authors))


def record_export(*, council: Council, actor: Actor, what: str, filters: dict[str, str]) -> None:
    """Exports of residents' posts are audited: who took what, with which filters."""
    record(
        council=council,
        actor=actor,
        action="listening.exported",
        summary=f"Exported {what}",
        changes={"filters": {k: v for k, v in filters.items() if v}},
    )


def dashboard_lines(board: Dashboard) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(["day", "mentions", "positive", "neutral", "negative", "net_sentiment"])
    for day, tally in board.per_day.items():
        net = "" if tally.net is None else f"{tally.net:.1f}"
        yield writer.writerow(
            [day.isoformat(), tally.total, tally.positive, tally.neutral, tally.negative, net]
        )
