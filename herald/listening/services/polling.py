"""Polling a source: read after its cursor, ingest each batch (the cursor saved with it), and
turn failures into capture gaps and the source's status — never silence.

- a poll that succeeds closes any open gap and moves a failing source back to active;
- ``AuthExpired`` on a connected account is first answered by renewing its token once (when
  Herald holds a refresh token); if that fails too, the token has lapsed:
- ``AuthExpired`` (a token lapsed) and ``Transient``/``Permanent`` (the network failing) open a
  gap from the first failure, move the source to failing and back off;
- ``RateLimited`` waits the time the network asked (``Retry-After``) without a gap unless the
  source was already failing.

The sweep claims due sources with a conditional UPDATE of ``next_poll_at`` (two schedulers
cannot both claim one) and enqueues one task per source, by id.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.channels.adapters.base import AdapterError, AuthExpired, RateLimited
from herald.channels.selectors import can_refresh_alone
from herald.channels.services import refresh
from herald.listening.feeds import feed_for
from herald.listening.ingest.pipeline import BatchResult, ingest_batch
from herald.listening.models import Source
from herald.listening.services.gaps import close_gaps, open_gap
from herald.listening.services.sources import change_status

logger = logging.getLogger(__name__)

MAX_PAGES = 10
PAGE_LIMIT = 100
CLAIM_LEASE = datetime.timedelta(minutes=10)
MAX_BACKOFF = datetime.timedelta(hours=1)


@dataclass
class PollResult:
    source_id: int
    ok: bool
    batches: int = 0
    ingested: BatchResult = field(default_factory=BatchResult)
    error: str = ""


def _backoff(source: Source) -> datetime.timedelta:
    failing_for = source.gaps.filter(ended_at__isnull=True).values_list("started_at", flat=True)
    started = failing_for.first()
    if started is None:
        return datetime.timedelta(seconds=source.poll_every_seconds)
    elapsed = timezone.now() - started
    return min(MAX_BACKOFF, max(datetime.timedelta(seconds=source.poll_every_seconds), elapsed))


def poll_source(*, source_id: int, now: datetime.datetime | None = None) -> PollResult:
    """Poll one source now (a paused, vanished or import source is left alone)."""
    source = Source.objects.select_related("connection").filter(pk=source_id).first()
    result = PollResult(source_id=source_id, ok=False)
    if source is None or source.status == Source.Status.PAUSED or source.kind == Source.Kind.IMPORT:
        return result
    now = now or timezone.now()
    try:
        try:
            _read_pages(source, result)
        except AuthExpired:
            # A connected account's token may only need renewing: once, then read again.
            if not _renewed(source):
                raise
            _read_pages(source, result)
    except AdapterError as error:
        _failed(source, error, now=now)
        result.error = error.detail
        return result
    result.ok = True
    _succeeded(source, now=now)
    return result


def _renewed(source: Source) -> bool:
    connection = source.connection
    if connection is None or not can_refresh_alone(connection):
        return False
    renewed = refresh(connection=connection, actor=SYSTEM)
    connection.refresh_from_db()
    return renewed


def _read_pages(source: Source, result: PollResult) -> None:
    feed = feed_for(source)
    for _ in range(MAX_PAGES):
        before = dict(source.cursor)
        items, cursor = feed.poll(source, cursor=before, limit=PAGE_LIMIT)
        result.ingested.add(ingest_batch(source=source, items=items, cursor=cursor))
        result.batches += 1
        if not items or cursor == before:
            return


def _succeeded(source: Source, *, now: datetime.datetime) -> None:
    close_gaps(source=source, at=now)
    if source.status == Source.Status.FAILING:
        change_status(source=source, action="recover", actor=SYSTEM, note="A poll succeeded")
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error="",
        next_poll_at=now + datetime.timedelta(seconds=source.poll_every_seconds),
    )


def _failed(source: Source, error: AdapterError, *, now: datetime.datetime) -> None:
    logger.warning("Listening source %s failed: %s", source.pk, error.detail)
    if isinstance(error, RateLimited) and source.status != Source.Status.FAILING:
        wait = datetime.timedelta(seconds=max(error.retry_after, 1.0))
        Source.objects.filter(pk=source.pk).update(
            last_polled_at=now, last_error=error.detail[:2000], next_poll_at=now + wait
        )
        return
    reason = f"Token lapsed: {error.detail}" if isinstance(error, AuthExpired) else error.detail
    open_gap(source=source, reason=reason, at=now)
    if source.status == Source.Status.ACTIVE:
        change_status(source=source, action="fail", actor=SYSTEM, note=reason[:500])
    wait = _backoff(source)
    if isinstance(error, RateLimited):
        wait = max(wait, datetime.timedelta(seconds=error.retry_after))
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now, last_error=reason[:2000], next_poll_at=now + wait
    )


def claim_due_sources(*, now: datetime.datetime | None = None, limit: int = 200) -> list[int]:
    """Claim the sources due a poll (active or failing, not imports): each claimed once."""
    now = now or timezone.now()
    due = (
        Source.objects.filter(status__in=[Source.Status.ACTIVE, Source.Status.FAILING])
        .exclude(kind=Source.Kind.IMPORT)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by("next_poll_at", "pk")
        .values_list("pk", "next_poll_at")[:limit]
    )
    claimed = []
    for source_id, was in due:
        same = Q(next_poll_at__isnull=True) if was is None else Q(next_poll_at=was)
        if Source.objects.filter(same, pk=source_id).update(next_poll_at=now + CLAIM_LEASE):
            claimed.append(source_id)
    return claimed
