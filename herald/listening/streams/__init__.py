"""Live streams: sources heard as residents post, where the network offers a stream.

Polling stays the backbone (every source is polled at its own pace, with its persisted cursor);
a stream only makes hearing faster. A live feed names a source's ``channels`` (one connection
each: a hashtag, the notifications, the firehose); its ``listen(source, channel, stop=…)``
connects, yields what it hears as ``Heard`` (an idle tick with nothing in it now and then, so the runner can
flush and notice ``stop``), returns when the server ends the stream, and raises the channels'
error taxonomy (``AuthExpired``, ``RateLimited``, ``Transient``, ``Permanent``) when it cannot
connect or the stream breaks. ``herald listen_stream`` runs them (``runner``).

- Mastodon: the streaming API's server-sent events (``mastodon``): each hashtag's public stream
  and, with the council's account, its notifications;
- Bluesky: Jetstream (``jetstream``), Bluesky's JSON firehose over WebSocket, filtered here to
  the source's search terms and to posts that mention or reply to the council's account; it
  resumes from its own persisted cursor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from herald.channels.adapters.base import IncomingItem
    from herald.listening.models import Source


@dataclass
class Heard:
    """What one read of a channel brought: new items, posts the network says were deleted, and
    the channel's own cursor after them (None: it keeps none; kept under the channel's name in
    ``Source.stream_cursor``)."""

    items: list[IncomingItem] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    cursor: Any = None


class LiveFeed(Protocol):
    def channels(self, source: Source) -> list[str]: ...

    def listen(self, source: Source, channel: str, *, stop: threading.Event) -> Iterator[Heard]: ...


STREAMED_KINDS = ("mastodon", "bluesky")


def live_feed_for(source: Source) -> LiveFeed:
    """The live feed for ``source`` (LookupError when its kind has no stream)."""
    from herald.listening.streams import jetstream, mastodon  # noqa: PLC0415 - on demand

    feeds: dict[str, LiveFeed] = {
        "mastodon": mastodon.MastodonStream(),
        "bluesky": jetstream.Jetstream(),
    }
    try:
        return feeds[source.kind]
    except KeyError:
        raise LookupError(f"A {source.get_kind_display()} source has no live stream") from None
