"""The reputation dashboard's figures. Counts over time come from the hourly rollups in ONE
grouped query (by day, source, query and service), folded in Python into every table; only the
author and engagement tables read mentions, and only the latest few thousand of the period."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from herald.listening.insight.mentions import day_start
from herald.listening.models import CaptureGap, Mention, MentionRollup, Query, Source

if TYPE_CHECKING:
    from herald.councils.models import Council

SAMPLE = 5000  # the latest mentions of the period read for authors and engagement
SENTIMENTS = ("positive", "neutral", "negative")


@dataclass
class Tally:
    total: int = 0
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    engagement: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.total += row["total"] or 0
        self.positive += row["positive"] or 0
        self.neutral += row["neutral"] or 0
        self.negative += row["negative"] or 0
        self.engagement += row["engagement"] or 0

    @property
    def net(self) -> float | None:
        """Net sentiment: positive minus negative, as a percentage of all mentions."""
        return round(100 * (self.positive - self.negative) / self.total, 1) if self.total else None

    def share(self, sentiment: str) -> float:
        return round(100 * getattr(self, sentiment) / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class DashboardFilters:
    start: datetime.date
    end: datetime.date
    source: Source | None = None
    topic: str = ""
    sentiment: str = ""


@dataclass
class Dashboard:
    filters: DashboardFilters
    days: list[datetime.date]
    per_day: dict[datetime.date, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)
    services: list[tuple[str, Tally]] = field(default_factory=list)
    sources: list[tuple[str, Tally]] = field(default_factory=list)
    queries: list[tuple[Query, Tally]] = field(default_factory=list)
    topics: list[tuple[str, Tally]] = field(default_factory=list)
    gaps: list[CaptureGap] = field(default_factory=list)
    authors: list[tuple[str, str, int]] = field(default_factory=list)
    engaged: list[Mention] = field(default_factory=list)
    sampled: int = 0


def _rollup_rows(council: Council, filters: DashboardFilters) -> list[dict[str, Any]]:
    rows = MentionRollup.objects.filter(
        council=council,
        hour__gte=day_start(filters.start),
        hour__lt=day_start(filters.end + datetime.timedelta(days=1)),
    )
    if filters.source is not None:
        rows = rows.filter(source=filters.source)
    grouped = (
        rows.annotate(day=TruncDate("hour", tzinfo=timezone.get_current_timezone()))
        .values("day", "source_id", "query_id_key", "service_label")
        .annotate(
            total=Sum("total"),
            positive=Sum("positive"),
            neutral=Sum("neutral"),
            negative=Sum("negative"),
            engagement=Sum("engagement"),
        )
        .order_by()
    )
    return [_only(dict(row), filters.sentiment) for row in grouped]


def _only(row: dict[str, Any], sentiment: str) -> dict[str, Any]:
    """With a sentiment filter, a row counts only its mentions of that sentiment."""
    if sentiment in SENTIMENTS:
        kept = row[sentiment] or 0
        row = {**row, **dict.fromkeys(SENTIMENTS, 0), sentiment: kept, "total": kept}
    return row


def _ranked(tallies: dict[Any, Tally]) -> list[tuple[Any, Tally]]:
    return sorted(tallies.items(), key=lambda item: (-item[1].total, str(item[0])))


def build_dashboard(council: Council, filters: DashboardFilters) -> Dashboard:
    """Every figure of the dashboard for the filters, from the rollups plus a mention sample."""
    span = (filters.end - filters.start).days + 1
    board = Dashboard(filters, [filters.start + datetime.timedelta(days=n) for n in range(span)])
    queries = {q.pk: q for q in council.listening_queries.all()}
    topic_ids = {pk for pk, q in queries.items() if q.topic == filters.topic}
    rows = _rollup_rows(council, filters)
    # Volume counts each mention once (the "every query" rows, key 0) unless a topic is chosen:
    # then it is the rows of that topic's queries (a mention matching two of them counts twice).
    chosen = [
        r
        for r in rows
        if (r["query_id_key"] in topic_ids if filters.topic else not r["query_id_key"])
    ]
    _fold(board, chosen, council)
    by_query: dict[Query, Tally] = defaultdict(Tally)
    for row in rows:
        query = queries.get(row["query_id_key"])
        if query is not None and (not filters.topic or query.pk in topic_ids):
            by_query[query].add(row)
    board.queries = _ranked(by_query)
    by_topic: dict[str, Tally] = defaultdict(Tally)
    for query, tally in board.queries:
        by_topic[query.get_topic_display()].add(vars(tally))
    board.topics = _ranked(by_topic)
    board.gaps = _gaps(council, filters)
    _sample(board, council, topic_ids)
    return board


def _fold(board: Dashboard, rows: list[dict[str, Any]], council: Council) -> None:
    per_day: dict[datetime.date, Tally] = defaultdict(Tally)
    services: dict[str, Tally] = defaultdict(Tally)
    sources: dict[int, Tally] = defaultdict(Tally)
    for row in rows:
        per_day[row["day"]].add(row)
        services[row["service_label"] or "Not routed"].add(row)
        sources[row["source_id"]].add(row)
        board.total.add(row)
    board.per_day = {day: per_day.get(day, Tally()) for day in board.days}
    board.services = _ranked(services)
    names = dict(council.listening_sources.filter(pk__in=sources).values_list("pk", "name"))
    board.sources = _ranked({names.get(pk, "Removed source"): t for pk, t in sources.items()})


def _gaps(council: Council, filters: DashboardFilters) -> list[CaptureGap]:
    start, end = day_start(filters.start), day_start(filters.end + datetime.timedelta(days=1))
    gaps = CaptureGap.objects.filter(source__council=council, started_at__lt=end).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=start)
    )
    if filters.source is not None:
        gaps = gaps.filter(source=filters.source)
    return list(gaps.select_related("source").order_by("started_at")[:50])


def _sample(board: Dashboard, council: Council, topic_ids: set[int]) -> None:
    filters = board.filters
    found = council.mentions.filter(
        posted_at__gte=day_start(filters.start),
        posted_at__lt=day_start(filters.end + datetime.timedelta(days=1)),
    )
    if filters.source is not None:
        found = found.filter(source=filters.source)
    if filters.sentiment:
        found = found.filter(sentiment=filters.sentiment)
    if filters.topic:
        found = found.filter(queries__in=topic_ids).distinct()
    # Only ids, handles and engagement of the sample reach Python; the ten mentions shown are
    # then read whole.
    latest = list(
        found.order_by("-posted_at").values_list(
            "pk", "author_handle", "network", "likes", "shares", "replies"
        )[:SAMPLE]
    )
    board.sampled = len(latest)
    authors = Counter((handle, network) for _, handle, network, *_ in latest if handle)
    board.authors = [(handle, network, n) for (handle, network), n in authors.most_common(10)]
    top = sorted(latest, key=lambda row: -(row[3] + row[4] + row[5]))[:10]
    shown = council.mentions.select_related("source").in_bulk([row[0] for row in top])
    board.engaged = [shown[row[0]] for row in top if row[0] in shown]
