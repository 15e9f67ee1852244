"""Mastodon: public hashtag timelines, status search and the notifications (mentions) of the
council's own account, over the documented REST API.

Config: ``{"instance": "https://…", "hashtags": [...], "search": [...], "notifications": bool}``;
search and notifications need the source's connected account (its token). Each stream pages with
``min_id`` (the page right after the cursor, so a backlog is read forwards, nothing skipped), and
its cursor is the highest id seen: ``{"tag:bins": "1100…", "notifications": "…"}``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import IncomingItem, Permanent, RateLimitState, malformed
from herald.channels.clients import client_for
from herald.channels.services import as_connection

if TYPE_CHECKING:
    import httpx

    from herald.listening.models import Source

PAGE = 40


def status_item(status: Any, *, kind: str = "post") -> IncomingItem:
    """A Status entity as an item (a boost is flagged a repost and carries the boosted text)."""
    try:
        shown = status["reblog"] or status
        account = status["account"]
        return IncomingItem(
            remote_id=str(status["id"]),
            text=str(shown.get("content") or ""),
            posted_at=datetime.datetime.fromisoformat(str(status["created_at"])),
            url=str(status.get("url") or status.get("uri") or ""),
            author_handle="@" + str(account["acct"]),
            author_name=str(account.get("display_name") or ""),
            kind="reply" if status.get("in_reply_to_id") else kind,
            in_reply_to=str(status.get("in_reply_to_id") or ""),
            language=str(shown.get("language") or ""),
            is_repost=bool(status.get("reblog")),
            likes=int(shown.get("favourites_count") or 0),
            shares=int(shown.get("reblogs_count") or 0),
            replies=int(shown.get("replies_count") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = status.get("id") if isinstance(status, dict) else ""
        return malformed(entry, f"Malformed Mastodon status ({type(error).__name__})")


def _streams(config: dict[str, Any], authorised: bool) -> list[tuple[str, str, dict[str, str]]]:
    streams: list[tuple[str, str, dict[str, str]]] = [
        (f"tag:{tag.lstrip('#').lower()}", f"/api/v1/timelines/tag/{quote(tag.lstrip('#'))}", {})
        for tag in config.get("hashtags", [])
    ]
    if authorised:
        streams += [
            (f"search:{term}", "/api/v2/search", {"q": term, "type": "statuses"})
            for term in config.get("search", [])
        ]
        if config.get("notifications"):
            streams.append(("notifications", "/api/v1/notifications", {"types[]": "mention"}))
    return streams


def endpoint(source: Source) -> tuple[str, dict[str, str]]:
    """The source's instance address and, with a connected account, its bearer token."""
    instance = str(source.config.get("instance") or "").rstrip("/")
    if source.connection is not None:
        instance = instance or source.connection.base_url.rstrip("/")
    if not instance.startswith(("http://", "https://")):
        raise Permanent("The source has no Mastodon instance address")
    headers = {}
    if source.connection is not None:
        token = as_connection(source.connection).credentials.get("access_token", "")
        headers["Authorization"] = f"Bearer {token}"
    return instance, headers


def _highest(ids: list[str], current: str) -> str:
    numeric = [int(value) for value in [*ids, current] if value.isdigit()]
    return str(max(numeric)) if numeric else current


class MastodonFeed:
    network = "mastodon"

    def poll(
        self, source: Source, *, cursor: dict[str, Any], limit: int
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        instance, headers = endpoint(source)
        items: list[IncomingItem] = []
        next_cursor = dict(cursor)
        with client_for("mastodon", base_url=instance) as client:
            for name, path, params in _streams(source.config, bool(headers)):
                since = str(cursor.get(name, ""))
                found, page_ids = self._read(client, instance + path, params, headers, since)
                items.extend(found)
                next_cursor[name] = _highest(page_ids, since)
        return items, next_cursor

    def _read(
        self,
        client: httpx.Client,
        url: str,
        params: dict[str, str],
        headers: dict[str, str],
        since: str,
    ) -> tuple[list[IncomingItem], list[str]]:
        """The page after ``since`` and the ids that page the stream (a notification's own id,
        not its status's)."""
        query = {**params, "limit": str(PAGE), **({"min_id": since} if since else {})}
        what = "Reading Mastodon"
        response = httpcalls.send(
            client,
            "GET",
            url,
            write=False,
            state=RateLimitState(),
            what=what,
            params=query,
            headers=headers,
        )
        httpcalls.check(response, what=what)
        try:
            body = response.json()
        except ValueError:
            raise Permanent("Mastodon's answer was not JSON") from None
        if isinstance(body, dict):  # search: {"statuses": [...]}
            body = body.get("statuses", [])
        if not isinstance(body, list):
            raise Permanent("Mastodon's answer was not a list")
        entries = [entry for entry in body if isinstance(entry, dict)]
        ids = [str(entry.get("id", "")) for entry in entries]
        if "notifications" in url:
            return [notification_item(entry) for entry in entries], ids
        return [status_item(status) for status in entries], ids


def notification_item(entry: dict[str, Any]) -> IncomingItem:
    status = entry.get("status")
    if not isinstance(status, dict):
        return malformed(entry.get("id"), "Mastodon notification without a status")
    return status_item(status, kind="mention")
