"""Bluesky: ``app.bsky.feed.searchPosts`` for the council's terms and
``app.bsky.notification.listNotifications`` (mentions, replies, quotes) of its own account.

Config: ``{"service": "https://…", "terms": [...], "notifications": bool}``; with a connected
account its ``accessJwt`` is sent (search on the AppView needs one). Each stream's cursor is the
latest ``indexedAt`` seen; search asks ``since`` it (inclusive, so the edge is read twice and
ingestion's uniqueness keeps it once).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import (
    AuthExpired,
    IncomingItem,
    Permanent,
    RateLimitState,
    malformed,
)
from herald.channels.clients import client_for
from herald.channels.services import as_connection

if TYPE_CHECKING:
    import httpx

    from herald.listening.models import Source

PAGE = 100
PUBLIC_APPVIEW = "https://public.api.bsky.app"
NOTIFIED = frozenset({"mention", "reply", "quote"})


def _web_url(uri: str, handle: str) -> str:
    # at://did:plc:…/app.bsky.feed.post/<rkey> → https://bsky.app/profile/<handle>/post/<rkey>
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{handle}/post/{rkey}" if handle and rkey else ""


def post_item(view: Any, *, kind: str = "post") -> IncomingItem:
    """A PostView (or a notification, which has the same author/record/uri) as an item."""
    try:
        record, author = view["record"], view["author"]
        reply = record.get("reply") or {}
        langs = record.get("langs") or []
        return IncomingItem(
            remote_id=str(view["uri"]),
            text=str(record.get("text") or ""),
            posted_at=datetime.datetime.fromisoformat(str(record["createdAt"])),
            url=_web_url(str(view["uri"]), str(author.get("handle") or "")),
            author_handle="@" + str(author["handle"]),
            author_name=str(author.get("displayName") or ""),
            kind="reply" if reply else kind,
            in_reply_to=str((reply.get("parent") or {}).get("uri") or ""),
            thread_key=str((reply.get("root") or {}).get("uri") or ""),
            language=str(langs[0]) if langs else "",
            likes=int(view.get("likeCount") or 0),
            shares=int(view.get("repostCount") or 0),
            replies=int(view.get("replyCount") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = view.get("uri") if isinstance(view, dict) else ""
        return malformed(entry, f"Malformed Bluesky post ({type(error).__name__})")


def _latest(entries: list[dict[str, Any]], current: str) -> str:
    stamps = [str(entry.get("indexedAt") or "") for entry in entries]
    return max([stamp for stamp in stamps if stamp] + [current])


class BlueskyFeed:
    network = "bluesky"

    def poll(
        self, source: Source, *, cursor: dict[str, Any], limit: int
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        service = str(source.config.get("service") or PUBLIC_APPVIEW).rstrip("/")
        headers: dict[str, str] = {}
        if source.connection is not None:
            jwt = as_connection(source.connection).credentials.get("accessJwt", "")
            headers["Authorization"] = f"Bearer {jwt}"
            service = str(source.config.get("service") or source.connection.base_url).rstrip("/")
        items: list[IncomingItem] = []
        next_cursor = dict(cursor)
        with client_for("bluesky", base_url=service) as client:
            for term in source.config.get("terms", []):
                name = f"search:{term}"
                params = {"q": term, "sort": "latest", "limit": str(PAGE)}
                if cursor.get(name):
                    params["since"] = str(cursor[name])
                body = _get(client, f"{service}/xrpc/app.bsky.feed.searchPosts", params, headers)
                posts = _list(body, "posts")
                items.extend(post_item(post) for post in posts)
                next_cursor[name] = _latest(posts, str(cursor.get(name, "")))
            if source.config.get("notifications") and headers:
                items.extend(self._notifications(client, service, headers, cursor, next_cursor))
        return items, next_cursor

    def _notifications(
        self,
        client: httpx.Client,
        service: str,
        headers: dict[str, str],
        cursor: dict[str, Any],
        next_cursor: dict[str, Any],
    ) -> list[IncomingItem]:
        url = f"{service}/xrpc/app.bsky.notification.listNotifications"
        body = _get(client, url, {"limit": str(PAGE)}, headers)
        seen = str(cursor.get("notifications", ""))
        entries = [
            entry
            for entry in _list(body, "notifications")
            if entry.get("reason") in NOTIFIED and str(entry.get("indexedAt") or "") >= seen
        ]
        next_cursor["notifications"] = _latest(entries, seen)
        return [post_item(entry, kind="mention") for entry in entries]


def _get(client: httpx.Client, url: str, params: dict[str, str], headers: dict[str, str]) -> Any:
    what = "Reading Bluesky"
    response = httpcalls.send(
        client,
        "GET",
        url,
        write=False,
        state=RateLimitState(),
        what=what,
        params=params,
        headers=headers,
    )
    if response.status_code == 400 and "ExpiredToken" in response.text:
        raise AuthExpired(f"{what}: the Bluesky session token expired", http_status=400)
    httpcalls.check(response, what=what)
    try:
        return response.json()
    except ValueError:
        raise Permanent("Bluesky's answer was not JSON") from None


def _list(body: Any, key: str) -> list[dict[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise Permanent(f"Bluesky's answer had no {key} list")
    return [entry for entry in body[key] if isinstance(entry, dict)]
