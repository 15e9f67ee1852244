"""Mastodon's streaming API as server-sent events: ``GET /api/v1/streaming/hashtag?tag=…`` for
each of the source's hashtags and, with the council's connected account,
``GET /api/v1/streaming/user/notification`` (of which only mentions are kept, as the poll asks).

Events: ``update`` (a Status: an item), ``notification`` (a Notification: its status, when it is
a mention), ``delete`` (a status id: the mention is marked deleted on the network); heartbeat
comments arrive about every 15 seconds. Edits (``status.update``) are left to the poll: a
mention is stored once, as first heard. The stream keeps no cursor: the poll's own cursor is
the record of what has been read, and what the stream heard is stored once whichever reads it
first. A server whose streaming lives on another host answers with a redirect, which is
followed; ``config["stream_address"]`` can name it outright.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import AuthExpired, Transient
from herald.channels.clients import client_for
from herald.listening.feeds.mastodon import endpoint, notification_item, status_item
from herald.listening.streams import Heard
from herald.listening.streams.sse import HEARTBEAT, Event, events

if TYPE_CHECKING:
    from herald.listening.models import Source

# Mastodon sends a heartbeat about every 15 seconds: three missed means the stream is dead.
READ_TIMEOUT = httpx.Timeout(10.0, read=45.0)
NOTIFICATIONS = "notifications"


class MastodonStream:
    network = "mastodon"

    def channels(self, source: Source) -> list[str]:
        tags = [f"tag:{tag.lstrip('#').lower()}" for tag in source.config.get("hashtags", [])]
        if source.connection is not None and source.config.get("notifications"):
            tags.append(NOTIFICATIONS)
        return tags

    def listen(self, source: Source, channel: str, *, stop: threading.Event) -> Iterator[Heard]:
        instance, headers = endpoint(source)
        base = str(source.config.get("stream_address") or instance).rstrip("/")
        if channel == NOTIFICATIONS:
            if not headers:
                raise AuthExpired("Mastodon notifications need the council's connected account")
            url, params = f"{base}/api/v1/streaming/user/notification", {}
        else:
            url, params = f"{base}/api/v1/streaming/hashtag", {"tag": channel.removeprefix("tag:")}
        what = "Listening to Mastodon's stream"
        try:
            with (
                client_for("mastodon", base_url=instance) as client,
                client.stream(
                    "GET",
                    url,
                    params=params,
                    headers={**headers, "Accept": "text/event-stream"},
                    timeout=READ_TIMEOUT,
                    follow_redirects=True,
                ) as response,
            ):
                if response.status_code >= 400:
                    response.read()
                    httpcalls.check(response, what=what)
                for event in events(response.iter_lines()):
                    heard = _heard(event)
                    if heard is not None:
                        yield heard
                    if stop.is_set():
                        return
        except httpx.TransportError as error:  # refused, reset, timed out, cut short
            raise Transient(f"{what}: {type(error).__name__}") from None


def _heard(event: Event) -> Heard | None:
    if event is HEARTBEAT:
        return Heard()
    if event.event == "delete":
        return Heard(deleted=[event.data.strip()])
    if event.event not in {"update", "notification"}:
        return None
    try:
        payload = json.loads(event.data)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        payload = {"id": "", "malformed": True}
    if event.event == "update":
        return Heard(items=[status_item(payload)])
    if payload.get("type") != "mention":
        return None
    return Heard(items=[notification_item(payload)])
