"""News feeds (RSS or Atom: local papers, the BBC's local pages) with feedparser, fetched with a
conditional GET: the ETag and Last-Modified the server gave last time go back as If-None-Match
and If-Modified-Since, so an unchanged feed costs a 304 and nothing else.

Config: ``{"url": "https://…/feed"}``. Cursor: ``{"etag": …, "modified": …}``. Entries carry no
"since" of their own: ingestion's uniqueness (network + id) makes re-reading a feed harmless.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Any

import feedparser
import httpx

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import IncomingItem, Permanent, RateLimitState, malformed
from herald.channels.clients import client_for

if TYPE_CHECKING:
    from herald.listening.models import Source

MAX_FEED_BYTES = 5 * 1024 * 1024


def _when(entry: Any) -> datetime.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), datetime.UTC)


def entry_item(entry: Any, *, language: str) -> IncomingItem:
    remote_id = str(entry.get("id") or entry.get("link") or "")
    posted_at = _when(entry)
    if not remote_id or posted_at is None:
        return malformed(remote_id, "News item without an id or a date")
    title = str(entry.get("title") or "")
    summary = str(entry.get("summary") or "")
    text = f"{title}\n{summary}".strip() if summary and summary != title else title
    return IncomingItem(
        remote_id=remote_id,
        text=text,
        posted_at=posted_at,
        url=str(entry.get("link") or ""),
        author_name=str(entry.get("author") or ""),
        kind="news",
        language=language,
    )


def parse_feed(body: bytes) -> list[IncomingItem]:
    """A feed's entries as items; a body that is not a feed at all is Permanent."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        problem = type(parsed.get("bozo_exception")).__name__
        raise Permanent(f"The feed could not be read as RSS or Atom ({problem})")
    language = str(parsed.feed.get("language") or "")
    return [entry_item(entry, language=language) for entry in parsed.entries]


class NewsFeed:
    network = "rss"

    def poll(
        self, source: Source, *, cursor: dict[str, Any], limit: int
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        url = str(source.config.get("url", ""))
        if not url.startswith(("http://", "https://")):
            raise Permanent("The source has no feed address")
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml"}
        if cursor.get("etag"):
            headers["If-None-Match"] = str(cursor["etag"])
        if cursor.get("modified"):
            headers["If-Modified-Since"] = str(cursor["modified"])
        with client_for("rss") as client:
            response = _fetch(client, url, headers)
        if response.status_code == 304:
            return [], cursor
        if len(response.content) > MAX_FEED_BYTES:
            raise Permanent(f"The feed is larger than {MAX_FEED_BYTES // 1_000_000} MB")
        items = parse_feed(response.content)
        next_cursor = {
            "etag": response.headers.get("etag", ""),
            "modified": response.headers.get("last-modified", ""),
        }
        return items[: max(limit, 1) * 10], next_cursor


def _fetch(client: httpx.Client, url: str, headers: dict[str, str]) -> httpx.Response:
    response = httpcalls.send(
        client,
        "GET",
        url,
        write=False,
        state=RateLimitState(),
        what="Reading the news feed",
        headers=headers,
        follow_redirects=True,
    )
    if response.status_code != 304:
        httpcalls.check(response, what="Reading the news feed", auth_codes=(401, 403))
    return response
