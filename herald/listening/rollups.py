"""Hourly counts per council, source, query and service, written by ingestion after each
batch is enriched, so the dashboard and spike detection never scan mentions.

One statement per batch adds the batch's counts to its buckets (``INSERT … ON CONFLICT DO
UPDATE`` with addition, which SQLite and PostgreSQL both speak): two workers adding to one bucket
at once both count, and nothing is read back first.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from herald.listening.models import Mention, MentionRollup

COUNTED = ("total", "positive", "neutral", "negative", "offensive", "safeguarding", "engagement")
Bucket = tuple[int, datetime.datetime, int, int, str]


def _hour(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


def _counts(mention: Mention) -> Counter[str]:
    counts: Counter[str] = Counter(total=1)
    if mention.sentiment:
        counts[mention.sentiment] += 1
    if mention.offensive:
        counts["offensive"] += 1
    if mention.safeguarding:
        counts["safeguarding"] += 1
    counts["engagement"] += mention.likes + mention.shares + mention.replies
    return counts


def buckets_for(
    mentions: Sequence[Mention], queries: dict[int, list[int]]
) -> dict[Bucket, Counter[str]]:
    """Each mention counts once in its "every query" bucket (0) and once per matched query."""
    buckets: dict[Bucket, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        counts = _counts(mention)
        hour = _hour(mention.posted_at)
        for query_key in (0, *queries.get(mention.pk, ())):
            key = (mention.council_id, hour, mention.source_id, query_key, mention.service_label)
            buckets[key].update(counts)
    return buckets


def add_to_rollups(mentions: Sequence[Mention], queries: dict[int, list[int]]) -> None:
    """Add the (enriched) batch to its hourly buckets; ``queries`` is each mention's matched
    query ids, as ``match_queries`` returns them."""
    if not mentions:
        return
    buckets = buckets_for(mentions, queries)
    table = MentionRollup._meta.db_table
    columns = ("council_id", "hour", "source_id", "query_id_key", "service_label", *COUNTED)
    additions = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in COUNTED)
    # In one order, so two workers adding to the same buckets lock them in the same order.
    rows = sorted(_rows(buckets), key=lambda row: row[:5])
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        placeholders = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in chunk)
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {placeholders} "  # noqa: S608 - names are ours
            "ON CONFLICT (council_id, hour, source_id, query_id_key, service_label) "
            f"DO UPDATE SET {additions}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])


def _rows(buckets: dict[Bucket, Counter[str]]) -> Iterable[tuple[Any, ...]]:
    for (council_id, hour, source_id, query_key, service), counts in buckets.items():
        yield (
            council_id,
            connection.ops.adapt_datetimefield_value(hour),
            source_id,
            query_key,
            service,
            *(counts[name] for name in COUNTED),
        )
