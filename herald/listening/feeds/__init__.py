"""Where a source's items come from: one feed per source kind, each with one interface.

``poll(source, cursor=…, limit=…)`` returns the items heard after ``cursor`` and the cursor to
persist once they are stored. A feed raises the channels' error taxonomy
(``herald.channels.adapters.base``): ``RateLimited`` (wait), ``AuthExpired`` (a token lapsed),
``Transient``/``Permanent`` (failing); the poller turns those into capture gaps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from herald.channels.adapters.base import IncomingItem
    from herald.listening.models import Source


class Feed(Protocol):
    def poll(
        self, source: Source, *, cursor: dict[str, Any], limit: int
    ) -> tuple[list[IncomingItem], dict[str, Any]]: ...


def feed_for(source: Source) -> Feed:
    """The feed that reads ``source`` (imports are a polled source of nothing: LookupError)."""
    from herald.listening.feeds import (  # noqa: PLC0415 - each feed loads its client on demand
        bluesky,
        connections,
        mastodon,
        rss,
    )

    feeds: dict[str, Feed] = {
        "mastodon": mastodon.MastodonFeed(),
        "bluesky": bluesky.BlueskyFeed(),
        "rss": rss.NewsFeed(),
        "own_comments": connections.ConnectionFeed(),
        "sandbox": connections.ConnectionFeed(),
    }
    try:
        return feeds[source.kind]
    except KeyError:
        raise LookupError(f"A {source.get_kind_display()} source is not polled") from None
