"""The reputation dashboard's figures. Counts over time come from the hourly rollups in two
grouped queries (a day per source and service; the period per query), folded in Python; only the
author and engagement tables read mentions, and only the latest few thousand of the period."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from herald.listening.insight.mentions import day_start
from herald.listening.models import CaptureGap, Mention, MentionRollup, Query, Source

if TYPE_CHECKING:
    from herald.councils.models import Council

SAMPLE = 5000  # the latest mentions of the period read for authors and engagement
SENTIMENTS = ("positive", "neutral", "negative")
CACHE_SECONDS = 600


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


SUMS = {
    "total": Sum("total"),
    "positive": Sum("positive"),
    "neutral": Sum("neutral"),
    "negative": Sum("negative"),
    "engagement": Sum("engagement"),
}


def _period_rollups(council: Council, filters: DashboardFilters) -> QuerySet[MentionRollup]:
    rows = MentionRollup.objects.filter(
        council=council,
        hour__gte=day_start(filters.start),
        hour__lt=day_start(filters.end + datetime.timedelta(days=1)),
    )
    return rows if filters.source is None else rows.filter(source=filters.source)


def _daily(
    council: Council, filters: DashboardFilters, topic_ids: set[int], *, by: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The period's rollups summed a day per ``by``. Past days come from the cache when a recent
    request summed them (they change only when a late import lands, and then within
    ``CACHE_SECONDS``); today is always read live."""
    today = timezone.localdate()
    keys = {day: _cache_key(council, filters, by, day) for day in _days(filters) if day < today}
    found: dict[str, list[dict[str, Any]]] = cache.get_many(list(keys.values()))
    missing = [day for day, key in keys.items() if key not in found]
    if filters.start <= today <= filters.end:
        missing.append(today)
    fresh: dict[datetime.date, list[dict[str, Any]]] = defaultdict(list)
    if missing:
        span = replace(filters, start=min(missing), end=max(missing))
        for row in _grouped(council, span, topic_ids, by=by):
            fresh[row["day"]].append(row)
        cache.set_many(
            {keys[day]: fresh.get(day, []) for day in missing if day in keys}, CACHE_SECONDS
        )
    rows = [row for day_rows in found.values() for row in day_rows]
    wanted = set(missing)  # the span read may cross days already taken from the cache
    rows += [row for day, day_rows in fresh.items() if day in wanted for row in day_rows]
    return [_only(dict(row), filters.sentiment) for row in rows]


def _days(filters: DashboardFilters) -> list[datetime.date]:
    return [
        filters.start + datetime.timedelta(days=n)
        for n in range((filters.end - filters.start).days + 1)
    ]


def _cache_key(
    council: Council, filters: DashboardFilters, by: tuple[str, ...], day: datetime.date
) -> str:
    # Public ids, not row ids: a key can never be read back for another council's rows.
    source = filters.source.public_id if filters.source is not None else "all"
    return (
        f"listening:day:{council.public_id}:{source}:{filters.topic or 'all'}:{'.'.join(by)}:{day}"
    )


def _grouped(
    council: Council, filters: DashboardFilters, topic_ids: set[int], *, by: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Each mention counts once (the "every query" rows, key 0) for volume, and the query rows
    for share of voice; with a topic, both use the topic's queries (a mention matching two of
    them counts twice)."""
    rows = _period_rollups(council, filters)
    if filters.topic:
        rows = rows.filter(query_id_key__in=topic_ids)
    elif "query_id_key" in by:
        rows = rows.exclude(query_id_key=0)
    else:
        rows = rows.filter(query_id_key=0)
    grouped = (
        rows.annotate(day=TruncDate("hour", tzinfo=timezone.get_current_timezone()))
        .values("day", *by)
        .annotate(**SUMS)
        .order_by()
    )
    return [dict(row) for row in grouped]


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
    board = Dashboard(filters, _days(filters))
    queries = {q.pk: q for q in council.listening_queries.all()}
    topic_ids = {pk for pk, q in queries.items() if q.topic == filters.topic}
    _fold(board, _daily(council, filters, topic_ids, by=("source_id", "service_label")), council)
    by_query: dict[Query, Tally] = defaultdict(Tally)
    for row in _daily(council, filters, topic_ids, by=("query_id_key",)):
        query = queries.get(row["query_id_key"])
        if query is not None:
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
