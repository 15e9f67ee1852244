"""Instagram: comments and replies on the account's recent media. ``GET /{ig-user-id}/media``
lists the media, then ``GET /{ig-media-id}/comments`` with their ``replies``. The cursor is the
latest ``timestamp`` seen. Webhooks (field ``comments``) deliver the same as they happen."""

from __future__ import annotations

from typing import Any

import httpx

from herald.channels.adapters._listening import advanced, newer, page, since
from herald.channels.adapters._support import parse_time
from herald.channels.adapters.base import Connection, IncomingItem, malformed
from herald.channels.adapters.instagram.adapter import InstagramAdapter

MEDIA = 10
FIELDS = "id,text,timestamp,username,like_count,replies{id,text,timestamp,username,like_count}"


def comment_item(comment: Any, *, media: dict[str, Any], parent: str = "") -> IncomingItem:
    try:
        posted_at = parse_time(comment["timestamp"])
        if posted_at is None:
            raise ValueError(comment["timestamp"])
        return IncomingItem(
            remote_id=str(comment["id"]),
            text=str(comment.get("text") or ""),
            posted_at=posted_at,
            url=str(media.get("permalink") or ""),
            author_handle="@" + str(comment.get("username") or ""),
            kind="reply" if parent else "comment",
            in_reply_to=parent or str(media.get("id", "")),
            thread_key=str(media.get("id", "")),
            likes=int(comment.get("like_count") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = comment.get("id") if isinstance(comment, dict) else ""
        return malformed(entry, f"Malformed Instagram comment ({type(error).__name__})")


def _with_replies(comment: Any, media: dict[str, Any]) -> list[IncomingItem]:
    items = [comment_item(comment, media=media)]
    replies = (comment.get("replies") or {}).get("data", []) if isinstance(comment, dict) else []
    parent = str(comment.get("id", "")) if isinstance(comment, dict) else ""
    items += [comment_item(reply, media=media, parent=parent) for reply in replies]
    return items


class InstagramListening(InstagramAdapter):
    def _list(self, connection: Connection, path: str, what: str, **params: Any) -> list[Any]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, path),
            what=what,
            headers=self._auth(connection),
            params=params,
        )
        return page(response, "data", what=what)[1]

    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        after = since(cursor)
        media_list = self._list(
            connection,
            f"{connection.external_id}/media",
            "Reading the account's media",
            fields="id,permalink,timestamp",
            limit=MEDIA,
        )
        found: list[IncomingItem] = []
        for media in media_list:
            if not isinstance(media, dict) or not media.get("id"):
                continue
            comments = self._list(
                connection,
                f"{media['id']}/comments",
                "Reading comments",
                fields=FIELDS,
                limit=max(1, min(limit, 50)),
            )
            batch = [item for comment in comments for item in _with_replies(comment, media)]
            found.extend(newer(batch, after))
        return found, advanced(found, cursor)


def make(client: httpx.Client) -> InstagramListening:
    return InstagramListening(client)
