"""Test helpers for the insight part: sources, queries and mentions written directly, and rollup
rows written by a local helper (at merge, ingestion writes them after enrichment)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from typing import Any

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.listening.insight.privacy import update_settings
from herald.listening.models import Mention, MentionRollup, Query, Source

_ids = itertools.count(1)


def make_source(council: Council, name: str = "Mastodon search", kind: str = "mastodon") -> Source:
    return Source.objects.create(council=council, kind=kind, name=name)


def make_query(council: Council, name: str = "Bins", topic: str = "service") -> Query:
    return Query.objects.create(council=council, name=name, topic=topic, expression=name.lower())


def make_mention(
    source: Source,
    *,
    text: str = "The bins were not collected again",
    posted_at: datetime.datetime,
    queries: tuple[Query, ...] = (),
    **fields: Any,
) -> Mention:
    values: dict[str, Any] = {
        "network": source.kind,
        "remote_id": f"post-{next(_ids)}",
        "author_handle": "@resident@example.social",
        "author_name": "A Resident",
        "sentiment": "negative",
        "sentiment_score": -0.6,
        "offensive": False,
        "safeguarding": False,
        "service_label": "waste",
        "enrichment_versions": {"sentiment": "vader-3.3.2+herald-1"},
        "enriched_at": posted_at,
        "duplicate_key": hashlib.sha1(text.lower().encode(), usedforsecurity=False).hexdigest(),
        **fields,
    }
    mention = Mention.objects.create(
        council=source.council, source=source, text=text, posted_at=posted_at, **values
    )
    if queries:
        mention.queries.add(*queries)
    return mention


def write_rollup(
    source: Source,
    *,
    hour: datetime.datetime,
    total: int,
    negative: int = 0,
    positive: int = 0,
    query: Query | None = None,
    service: str = "waste",
    engagement: int = 0,
) -> MentionRollup:
    """One hourly bucket, as ingestion's add_to_rollups will write it."""
    return MentionRollup.objects.create(
        council=source.council,
        hour=hour.replace(minute=0, second=0, microsecond=0),
        source=source,
        query_id_key=query.pk if query else 0,
        service_label=service,
        total=total,
        negative=negative,
        positive=positive,
        neutral=total - negative - positive,
        engagement=engagement,
    )


def steady_history(
    source: Source,
    *,
    now: datetime.datetime,
    days: int = 14,
    per_day: int = 4,
    query: Query | None = None,
) -> None:
    """A quiet fortnight: a few mentions a day, a quarter of them negative."""
    for back in range(1, days + 1):
        write_rollup(
            source,
            hour=now - datetime.timedelta(days=back),
            total=per_day,
            negative=per_day // 4,
            query=query,
        )


def save_privacy(council: Council, **changes: Any) -> None:
    """The council's privacy settings saved through the service: the defaults but ``changes``."""
    values: dict[str, Any] = {
        "lawful_basis": "Public task",
        "retention_months": 13,
        "quiet_from": None,
        "quiet_until": None,
        "authors_in_exports": False,
        "authors_in_exports_reason": "",
    }
    update_settings(council=council, actor=SYSTEM, **{**values, **changes})


def allow_authors(council: Council) -> None:
    """The council records why it needs authors: exports, the dashboard and the API show them."""
    save_privacy(
        council,
        authors_in_exports=True,
        authors_in_exports_reason="Replying to residents who raised complaints",
    )
