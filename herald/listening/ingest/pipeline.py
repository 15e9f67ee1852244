"""One batch of heard items in: cleaned, stored once each, matched, enriched, rolled up.

Idempotent: a mention is unique by council, network and remote id, so a batch read twice (the
cursor is persisted after the batch, so a crash means reading it again: at-least-once) stores
nothing twice and enriches and counts only what is new. Items that cannot be taken are recorded
as skipped with their reason while the rest of the batch goes on.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import signals
from django.db.models.base import ModelState
from django.utils import timezone

from herald.channels.adapters.base import IncomingItem
from herald.listening.alerting import evaluate_for_mentions
from herald.listening.enrichment import enrich_mentions
from herald.listening.ingest.cleaning import Skip, clean, duplicate_key
from herald.listening.ingest.matching import match_queries
from herald.listening.ingest.storing import insert_new
from herald.listening.models import Mention, SkippedItem, Source
from herald.listening.rollups import add_to_rollups


@dataclass
class BatchResult:
    received: int = 0
    inserted: int = 0
    already_known: int = 0
    skipped: int = 0
    mention_ids: list[int] = field(default_factory=list)
    inserted_remote_ids: set[str] = field(default_factory=set)

    def add(self, other: BatchResult) -> None:
        self.received += other.received
        self.inserted += other.inserted
        self.already_known += other.already_known
        self.skipped += other.skipped
        self.mention_ids.extend(other.mention_ids)
        self.inserted_remote_ids |= other.inserted_remote_ids

    def as_dict(self) -> dict[str, int]:
        return {
            "received": self.received,
            "inserted": self.inserted,
            "already_known": self.already_known,
            "skipped": self.skipped,
        }


def _network(source: Source) -> str:
    if source.connection_id is not None and source.connection is not None:
        return source.connection.network
    return str(source.config.get("network") or source.kind)


class _Blank:
    """Mention objects for a batch, each made from one dict of defaults.

    A model's ``__init__`` sets each of its 36 fields through its descriptor, which cost more
    than anything else done to a mention here. Built like this a mention is what ``__init__``
    would make (defaults, then the item's values, a fresh ``_state``), unless something listens
    for ``post_init`` on mentions: then ``__init__`` runs, so the listener hears of each one.
    """

    def __init__(self, source: Source, network: str, account_id: int | None) -> None:
        fields = Mention._meta.concrete_fields
        self.defaults: dict[str, Any] = {
            f.attname: None if f.primary_key else f.get_default() for f in fields
        }
        self.defaults.update(
            council_id=source.council_id,
            source_id=source.pk,
            network=network,
            account_id=account_id,
        )
        self.fresh = [
            name for name, value in self.defaults.items() if isinstance(value, list | dict)
        ]
        self.direct = not signals.post_init.has_listeners(Mention)

    def mention(self, item: IncomingItem) -> Mention:
        values = dict(self.defaults)
        for name in self.fresh:
            values[name] = type(values[name])()  # each its own list or dict
        values.update(
            remote_id=item.remote_id,
            url=item.url,
            author_handle=item.author_handle,
            author_name=item.author_name,
            text=item.text,
            language=item.language,
            posted_at=item.posted_at,
            in_reply_to=item.in_reply_to,
            thread_key=item.thread_key,
            kind=item.kind[:16] or "post",
            duplicate_key=duplicate_key(item.text),
            is_repost=item.is_repost,
            likes=max(0, item.likes),
            shares=max(0, item.shares),
            replies=max(0, item.replies),
        )
        if not self.direct:
            return Mention(**values)
        mention = Mention.__new__(Mention)
        values["_state"] = ModelState()
        mention.__dict__ = values
        return mention


def _record_skips(source: Source, skips: Sequence[Skip]) -> None:
    SkippedItem.objects.bulk_create(
        SkippedItem(
            source=source,
            remote_id=skip.remote_id[:500],
            reason=skip.reason[:300],
            excerpt=skip.excerpt[:300],
        )
        for skip in skips
    )


def ingest_batch(
    *,
    source: Source,
    items: Sequence[IncomingItem],
    cursor: dict[str, Any] | None = None,
    stream_cursor: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> BatchResult:
    """Store the batch's new mentions (then enrich, roll up, alert) and, in the same
    transaction, the source's cursor after it (a poll's ``cursor``, or a live stream's own
    ``stream_cursor``: each is written only by its reader, so neither overwrites the other)."""
    now = now or timezone.now()
    result = BatchResult(received=len(items))
    network = _network(source)
    account_id = source.connection.account_id if source.connection is not None else None
    wanted: dict[str, IncomingItem] = {}
    skips: list[Skip] = []
    for item in items:
        cleaned = clean(item, now=now)
        if isinstance(cleaned, Skip):
            skips.append(cleaned)
        else:
            wanted.setdefault(cleaned.remote_id, cleaned)
    with transaction.atomic():
        _record_skips(source, skips)
        blank = _Blank(source, network, account_id)
        fresh = [blank.mention(item) for item in wanted.values()]
        # Enriched before inserting, so each row is written once with its enrichment.
        enrich_mentions(fresh, save=False)
        created = insert_new(fresh) if fresh else []
        _after_insert(source, created)
        if cursor is not None:
            Source.objects.filter(pk=source.pk).update(cursor=cursor)
            source.cursor = cursor
        if stream_cursor is not None:
            Source.objects.filter(pk=source.pk).update(stream_cursor=stream_cursor)
            source.stream_cursor = stream_cursor
    result.skipped = len(skips)
    result.inserted = len(created)
    result.already_known = len(items) - len(skips) - len(created)
    result.mention_ids = [mention.pk for mention in created]
    result.inserted_remote_ids = {mention.remote_id for mention in created}
    return result


def _after_insert(source: Source, created: list[Mention]) -> None:
    if not created:
        return
    matched = match_queries(council_id=source.council_id, mentions=created)
    add_to_rollups(created, matched)
    # High-risk items (safeguarding) alert at once, not at the next periodic evaluation.
    evaluate_for_mentions(source.council_id, [mention.pk for mention in created])


def mark_deleted(
    *, source: Source, remote_ids: Sequence[str], at: datetime.datetime | None = None
) -> int:
    """Note that the network says these posts were deleted. The mentions are kept (nothing
    heard is hard-deleted; retention removes it in time) and show as deleted on the network."""
    if not remote_ids:
        return 0
    return Mention.objects.filter(
        council_id=source.council_id,
        network=_network(source),
        remote_id__in=list(remote_ids),
        deleted_on_network_at__isnull=True,
    ).update(deleted_on_network_at=at or timezone.now())
