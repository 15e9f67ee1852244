"""Bluesky through Jetstream: Bluesky's firehose as JSON over WebSocket
(``wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post``).

Jetstream carries every public post on the network, so only what concerns the council is kept:
posts whose text holds one of the source's search terms (whole words, any case), and, with the
council's connected account, posts that mention it or reply to one of its posts. Each event is
``{"did", "time_us", "kind": "commit", "commit": {"operation": "create"|"delete", "collection",
"rkey", "record": {"text", "createdAt", "langs", "reply", "facets"}}}``; a post's id is its
``at://`` URI, the same as the search poll's, so a post heard both ways is stored once.

The channel's cursor is the last event's ``time_us``, persisted with each batch. On reconnect
the stream is replayed from a few seconds before it (Jetstream's advice for gapless playback
when processing is idempotent, as ingestion is). With no cursor yet it starts from now: what
was said before is the poll's to find. Jetstream names a post's author by DID only.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from websockets.exceptions import ConnectionClosedOK, InvalidStatus, WebSocketException
from websockets.sync.client import connect

from herald.channels.adapters.base import (
    IncomingItem,
    Permanent,
    RateLimited,
    Transient,
    malformed,
)
from herald.channels.services import as_connection
from herald.listening.streams import Heard

if TYPE_CHECKING:
    from herald.listening.models import Source

PUBLIC_JETSTREAM = "wss://jetstream2.us-east.bsky.network/subscribe"
POST = "app.bsky.feed.post"
MENTION_FACET = "app.bsky.richtext.facet#mention"
CHANNEL = "jetstream"
REWIND_US = 5_000_000  # replay five seconds on reconnect
IDLE_TICK = 1.0  # seconds without an event before an idle tick


class Jetstream:
    network = "bluesky"

    def channels(self, source: Source) -> list[str]:
        return [CHANNEL] if source.config.get("terms") or source.connection is not None else []

    def listen(self, source: Source, channel: str, *, stop: threading.Event) -> Iterator[Heard]:
        wanted = Wanted.for_source(source)
        cursor = source.stream_cursor.get(CHANNEL)
        query = [("wantedCollections", POST)]
        if isinstance(cursor, int) and cursor > 0:
            query.append(("cursor", str(max(0, cursor - REWIND_US))))
        address = str(source.config.get("stream_address") or PUBLIC_JETSTREAM)
        what = "Listening to Bluesky's Jetstream"
        try:
            with connect(f"{address}?{urlencode(query)}", open_timeout=10) as socket:
                while not stop.is_set():
                    try:
                        message = socket.recv(timeout=IDLE_TICK)
                    except TimeoutError:
                        yield Heard()
                        continue
                    except ConnectionClosedOK:  # the server ended the stream normally
                        return
                    heard = wanted.heard(message)
                    if heard is not None:
                        yield heard
        except InvalidStatus as error:
            status = error.response.status_code
            if status == 429:
                raise RateLimited(f"{what}: HTTP 429", retry_after=30.0) from None
            kind = Transient if status >= 500 else Permanent
            raise kind(f"{what}: HTTP {status}", http_status=status) from None
        except (WebSocketException, OSError) as error:  # refused, reset, closed abnormally
            raise Transient(f"{what}: {type(error).__name__}") from None


class Wanted:
    """Which of the firehose's posts the source keeps, and each as an item."""

    def __init__(self, terms: list[str], council_did: str) -> None:
        words = "|".join(re.escape(term.strip()) for term in terms if term.strip())
        self.terms = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE) if words else None
        self.council_did = council_did

    @classmethod
    def for_source(cls, source: Source) -> Wanted:
        did = ""
        if source.connection is not None:
            connection = as_connection(source.connection)
            did = str(connection.credentials.get("did") or connection.external_id)
        return cls(list(source.config.get("terms", [])), did)

    def heard(self, message: str | bytes) -> Heard | None:
        """The event as what was heard: None when it is not a post the source keeps."""
        try:
            event = json.loads(message)
            commit = event.get("commit") or {}
            if event.get("kind") != "commit" or commit.get("collection") != POST:
                return None
            uri = f"at://{event['did']}/{POST}/{commit['rkey']}"
            cursor = int(event["time_us"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return Heard(items=[malformed("", "Malformed Jetstream event")])
        if commit.get("operation") == "delete":
            return Heard(deleted=[uri], cursor=cursor)
        if commit.get("operation") != "create":
            return Heard(cursor=cursor)
        record = commit.get("record")
        if not isinstance(record, dict) or not self._keeps(record):
            return Heard(cursor=cursor)
        return Heard(items=[post_item(event["did"], str(commit["rkey"]), record)], cursor=cursor)

    def _keeps(self, record: dict[str, Any]) -> bool:
        if self.terms is not None and self.terms.search(str(record.get("text") or "")):
            return True
        if not self.council_did:
            return False
        parent = str(((record.get("reply") or {}).get("parent") or {}).get("uri") or "")
        if parent.startswith(f"at://{self.council_did}/"):
            return True
        return any(
            feature.get("$type") == MENTION_FACET and feature.get("did") == self.council_did
            for facet in record.get("facets") or []
            if isinstance(facet, dict)
            for feature in facet.get("features") or []
            if isinstance(feature, dict)
        )


def post_item(did: str, rkey: str, record: dict[str, Any]) -> IncomingItem:
    uri = f"at://{did}/{POST}/{rkey}"
    try:
        reply = record.get("reply") or {}
        langs = record.get("langs") or []
        return IncomingItem(
            remote_id=uri,
            text=str(record.get("text") or ""),
            posted_at=datetime.datetime.fromisoformat(str(record["createdAt"])),
            url=f"https://bsky.app/profile/{did}/post/{rkey}",
            author_handle=did,
            kind="reply" if reply else "post",
            in_reply_to=str((reply.get("parent") or {}).get("uri") or ""),
            thread_key=str((reply.get("root") or {}).get("uri") or ""),
            language=str(langs[0]) if langs else "",
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return malformed(uri, f"Malformed Bluesky post ({type(error).__name__})")
