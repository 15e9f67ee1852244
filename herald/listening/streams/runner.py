"""Running live streams: one thread per channel of each streamed source, each reconnecting on
its own, its heard items ingested in small batches through the same pipeline as a poll.

- A channel flushes what it heard every ``flush_seconds`` or every ``batch_size`` items,
  whichever comes first; the channel's cursor (when it keeps one) is stored in the same
  transaction as the batch, so a crash replays rather than loses.
- On every (re)connect the source is made due a poll now: the poller (with its lease, so never
  two at once) reads what was said while the stream was down, from the poll's own cursor.
- A stream that fails is retried after 1 s, doubling to ``max_backoff``; a rate limit waits
  what the network asked. The failure is kept on the source (``stream_error``) and logged;
  capture gaps stay the poller's to record, as polling is what guarantees hearing.
- The supervisor re-reads the sources every ``refresh_seconds``: a new source or hashtag gets
  its channel, a paused or changed one's channel is stopped.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import close_old_connections, connection, connections
from django.utils import timezone

from herald.channels.adapters.base import AdapterError, IncomingItem, RateLimited
from herald.listening.ingest.pipeline import BatchResult, ingest_batch, mark_deleted
from herald.listening.models import Source
from herald.listening.streams import STREAMED_KINDS, Heard, LiveFeed, live_feed_for

logger = logging.getLogger(__name__)

ALIVE_EVERY = datetime.timedelta(minutes=1)  # how often an idle stream notes it is alive
_SQLITE_TURN = threading.Lock()


def db_turn() -> contextlib.AbstractContextManager[object]:
    """SQLite has one writer, and its shared in-memory database (the tests') locks tables
    rather than waiting: on SQLite the channels take turns with the database."""
    return _SQLITE_TURN if connection.vendor == "sqlite" else contextlib.nullcontext()


@dataclass
class Settings:
    flush_seconds: float = 2.0
    batch_size: int = 200
    max_backoff: float = 60.0
    refresh_seconds: float = 30.0


@dataclass
class Tally:
    """What the runner heard, across its channels (read by the command at the end)."""

    connections: int = 0
    failures: int = 0
    deleted: int = 0
    ingested: BatchResult = field(default_factory=BatchResult)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def as_dict(self) -> dict[str, int]:
        with self.lock:
            return {
                "connections": self.connections,
                "failures": self.failures,
                "deleted": self.deleted,
                **self.ingested.as_dict(),
            }


def streamed_sources(
    *, council_id: int | None = None, source_ids: Sequence[int] = ()
) -> list[Source]:
    """The sources a runner streams: Mastodon and Bluesky, active or failing."""
    sources = Source.objects.select_related("connection").filter(
        kind__in=STREAMED_KINDS, status__in=[Source.Status.ACTIVE, Source.Status.FAILING]
    )
    if council_id is not None:
        sources = sources.filter(council_id=council_id)
    if source_ids:
        sources = sources.filter(pk__in=source_ids)
    return list(sources)


class Channel:
    """One channel of one source, listened to until ``stop`` is set (or, in tests, for a
    number of ``connections``)."""

    def __init__(
        self,
        source_id: int,
        channel: str,
        *,
        stop: threading.Event,
        settings: Settings,
        tally: Tally,
        connections: int | None = None,
    ) -> None:
        self.source_id, self.channel = source_id, channel
        self.stop, self.settings, self.tally = stop, settings, tally
        self.connections = connections
        self.backoff = 1.0

    def run(self) -> None:
        attempts = 0
        while not self.stop.is_set():
            if self.connections is not None and attempts >= self.connections:
                return
            attempts += 1
            with db_turn():
                found = (
                    Source.objects.select_related("connection").filter(pk=self.source_id).first()
                )
            if found is None or found.status == Source.Status.PAUSED:
                return
            wait = self._connect(found)
            if wait and (self.connections is None or attempts < self.connections):
                self.stop.wait(wait)

    def _connect(self, source: Source) -> float:
        """Listen once; the seconds to wait before the next connection."""
        feed = live_feed_for(source)
        # What was said while not connected is the poller's to read, from its own cursor.
        self._update(source, next_poll_at=timezone.now())
        with self.tally.lock:
            self.tally.connections += 1
        try:
            self._drain(feed, source)
        except AdapterError as error:
            logger.warning(
                "Listening source %s stream %s failed: %s", source.pk, self.channel, error.detail
            )
            self._update(source, stream_error=error.detail[:2000])
            with self.tally.lock:
                self.tally.failures += 1
            wait = self.backoff
            self.backoff = min(self.backoff * 2, self.settings.max_backoff)
            if isinstance(error, RateLimited):
                wait = max(wait, error.retry_after)
            return wait
        self.backoff = 1.0
        return 1.0  # the server ended the stream: reconnect after a breath

    def _drain(self, feed: LiveFeed, source: Source) -> None:
        pending = _Pending()
        flushed_at = time.monotonic()
        alive_noted: datetime.datetime | None = None
        for heard in feed.listen(source, self.channel, stop=self.stop):
            if alive_noted is None:  # connected: the first thing heard, even a heartbeat
                alive_noted = timezone.now()
                self._update(source, stream_error="", stream_heard_at=alive_noted)
            pending.add(heard)
            due = time.monotonic() - flushed_at >= self.settings.flush_seconds
            if len(pending.items) >= self.settings.batch_size or (due and pending.any()):
                self._flush(source, pending)
                pending, flushed_at, alive_noted = _Pending(), time.monotonic(), timezone.now()
            elif timezone.now() - alive_noted >= ALIVE_EVERY:
                alive_noted = timezone.now()
                self._update(source, stream_heard_at=alive_noted)
        self._flush(source, pending)

    @staticmethod
    def _update(source: Source, **fields: object) -> None:
        with db_turn():
            Source.objects.filter(pk=source.pk).update(**fields)

    def _flush(self, source: Source, pending: _Pending) -> None:
        if not pending.any():
            return
        with db_turn():
            self._store(source, pending)

    def _store(self, source: Source, pending: _Pending) -> None:
        now = timezone.now()
        stream_cursor = None
        if pending.cursor is not None:
            stored = Source.objects.filter(pk=source.pk).values_list("stream_cursor", flat=True)
            stream_cursor = {**(stored.first() or {}), self.channel: pending.cursor}
        result = ingest_batch(
            source=source, items=pending.items, stream_cursor=stream_cursor, now=now
        )
        deleted = mark_deleted(source=source, remote_ids=pending.deleted, at=now)
        Source.objects.filter(pk=source.pk).update(stream_heard_at=now, stream_error="")
        with self.tally.lock:
            self.tally.ingested.add(result)
            self.tally.deleted += deleted


class _Pending:
    def __init__(self) -> None:
        self.items: list[IncomingItem] = []
        self.deleted: list[str] = []
        self.cursor: object = None

    def add(self, heard: Heard) -> None:
        self.items.extend(heard.items)
        self.deleted.extend(heard.deleted)
        if heard.cursor is not None:
            self.cursor = heard.cursor

    def any(self) -> bool:
        return bool(self.items or self.deleted or self.cursor is not None)


def _in_thread(channel: Channel) -> None:
    try:
        channel.run()
    except Exception:  # a defect, not a network failure: logged, and the channel restarted
        logger.exception("Listening stream %s/%s stopped", channel.source_id, channel.channel)
    finally:
        connections.close_all()  # this thread's own database connection


class Supervisor:
    """Keeps one running ``Channel`` per (source, channel) wanted, re-read every
    ``refresh_seconds``, until ``stop`` is set."""

    def __init__(
        self,
        *,
        stop: threading.Event,
        settings: Settings,
        council_id: int | None = None,
        source_ids: Sequence[int] = (),
    ) -> None:
        self.stop, self.settings = stop, settings
        self.council_id, self.source_ids = council_id, tuple(source_ids)
        self.tally = Tally()
        self.running: dict[tuple[int, str], tuple[threading.Thread, threading.Event]] = {}

    def wanted(self) -> set[tuple[int, str]]:
        pairs = set()
        with db_turn():
            sources = streamed_sources(council_id=self.council_id, source_ids=self.source_ids)
        for source in sources:
            pairs |= {(source.pk, name) for name in live_feed_for(source).channels(source)}
        return pairs

    def refresh(self) -> None:
        wanted = self.wanted()
        for key in [key for key in self.running if key not in wanted]:
            self.running.pop(key)[1].set()
        for key in [key for key, (thread, _) in self.running.items() if not thread.is_alive()]:
            del self.running[key]  # ended on its own (paused meanwhile): started again if wanted
        for source_id, name in sorted(wanted - self.running.keys()):
            own_stop = threading.Event()
            channel = Channel(
                source_id, name, stop=own_stop, settings=self.settings, tally=self.tally
            )
            thread = threading.Thread(
                target=_in_thread, args=(channel,), name=f"stream-{source_id}-{name}", daemon=True
            )
            self.running[(source_id, name)] = (thread, own_stop)
            thread.start()
        close_old_connections()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.refresh()
                self.stop.wait(self.settings.refresh_seconds)
        finally:
            for _thread, own_stop in self.running.values():
                own_stop.set()
            for thread, _ in self.running.values():
                thread.join(timeout=self.settings.flush_seconds + 15)
            connections.close_all()
