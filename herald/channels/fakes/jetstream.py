"""A fake Jetstream: a real WebSocket server on localhost speaking Jetstream's documented shape.

``GET /subscribe?wantedCollections=…&cursor=…`` upgrades to a WebSocket and sends, as text
frames, each event whose ``time_us`` is after ``cursor`` (all of them without one) and whose
collection is wanted: ``{"did", "time_us", "kind": "commit", "commit": {"rev", "operation",
"collection", "rkey", "record", "cid"}}``. Then it closes the connection normally (the stream
"ended"), or holds it open for ``hold_seconds`` first. ``refuse`` queues HTTP statuses answered
to the next handshakes instead (503, 429); ``raw`` queues frames sent as they are (malformed
events). Every connection's query is kept in ``requests``.
"""

from __future__ import annotations

import http
import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import ServerConnection, serve

POST = "app.bsky.feed.post"


class FakeJetstream:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self.refuse: list[int] = []
        self.requests: list[dict[str, list[str]]] = []
        self.hold_seconds = 0.0
        self._clock = itertools.count(1_765_000_000_000_000, 1_000)
        self._rkeys = itertools.count(1)
        self.address = ""

    def post(
        self,
        text: str,
        *,
        did: str = "did:plc:resident",
        reply_to: str = "",
        mentions: tuple[str, ...] = (),
        collection: str = POST,
    ) -> dict[str, Any]:
        """A resident's new post (or another collection's record) on the firehose."""
        record: dict[str, Any] = {
            "$type": collection,
            "text": text,
            "createdAt": "2026-12-07T10:00:00.000Z",
            "langs": ["en"],
        }
        if reply_to:
            record["reply"] = {"root": {"uri": reply_to}, "parent": {"uri": reply_to}}
        if mentions:
            record["facets"] = [
                {
                    "index": {"byteStart": 0, "byteEnd": 1},
                    "features": [{"$type": "app.bsky.richtext.facet#mention", "did": mentioned}],
                }
                for mentioned in mentions
            ]
        return self._commit(did, "create", collection, f"3l{next(self._rkeys):08d}", record)

    def delete(self, event: dict[str, Any]) -> dict[str, Any]:
        commit = event["commit"]
        return self._commit(event["did"], "delete", commit["collection"], commit["rkey"], None)

    def _commit(
        self, did: str, operation: str, collection: str, rkey: str, record: dict[str, Any] | None
    ) -> dict[str, Any]:
        commit: dict[str, Any] = {
            "rev": f"3m{rkey}",
            "operation": operation,
            "collection": collection,
            "rkey": rkey,
        }
        if record is not None:
            commit |= {"record": record, "cid": f"bafyrei{rkey}"}
        event = {"did": did, "time_us": next(self._clock), "kind": "commit", "commit": commit}
        self.events.append(event)
        return event

    def _handshake(self, connection: ServerConnection, request: Request) -> Response | None:
        query = parse_qs(urlsplit(request.path).query)
        self.requests.append(query)
        if self.refuse:
            status = http.HTTPStatus(self.refuse.pop(0))
            return connection.respond(status, f"{status.phrase}\n")
        return None

    def _serve(self, connection: ServerConnection) -> None:
        query = parse_qs(urlsplit(connection.request.path).query) if connection.request else {}
        after = int(query.get("cursor", ["0"])[0])
        wanted = set(query.get("wantedCollections", []))
        for frame in self.raw:
            connection.send(frame)
        self.raw = []
        for event in list(self.events):
            if event["time_us"] > after and (not wanted or event["commit"]["collection"] in wanted):
                connection.send(json.dumps(event))
        until = time.monotonic() + self.hold_seconds
        while time.monotonic() < until:  # held open, until the client goes
            try:
                connection.recv(timeout=0.05)
            except TimeoutError:
                continue
            except ConnectionClosed:
                return

    @contextmanager
    def running(self) -> Iterator[FakeJetstream]:
        with serve(self._serve, "127.0.0.1", 0, process_request=self._handshake) as server:
            host, port = server.socket.getsockname()[:2]
            self.address = f"ws://{host}:{port}/subscribe"
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                yield self
            finally:
                server.shutdown()
                thread.join(timeout=5)
