"""Facebook Page: comments and replies on the Page's recent posts. ``GET /{page-id}/
published_posts`` lists the posts, then ``GET /{post-id}/comments`` with ``filter=stream`` (replies
too, flat, each with its ``parent``) and ``order=reverse_chronological``. The cursor is the
latest ``created_time`` seen. Webhooks deliver the same comments as they happen
(``herald.listening.ingest.webhooks``); this poll is the backup."""

from __future__ import annotations

from typing import Any

import httpx

from herald.channels.adapters._listening import advanced, newer, page, since
from herald.channels.adapters._support import parse_time
from herald.channels.adapters.base import Connection, IncomingItem, malformed
from herald.channels.adapters.facebook.adapter import FacebookPageAdapter

POSTS = 10
COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},permalink_url,like_count"


def comment_item(comment: Any, *, post_id: str) -> IncomingItem:
    try:
        posted_at = parse_time(comment["created_time"])
        if posted_at is None:
            raise ValueError(comment["created_time"])
        sender, parent = comment.get("from") or {}, comment.get("parent") or {}
        return IncomingItem(
            remote_id=str(comment["id"]),
            text=str(comment.get("message") or ""),
            posted_at=posted_at,
            url=str(comment.get("permalink_url") or ""),
            author_handle=str(sender.get("id") or ""),
            author_name=str(sender.get("name") or ""),
            kind="reply" if parent else "comment",
            in_reply_to=str(parent.get("id") or post_id),
            thread_key=post_id,
            likes=int(comment.get("like_count") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = comment.get("id") if isinstance(comment, dict) else ""
        return malformed(entry, f"Malformed Facebook comment ({type(error).__name__})")


class FacebookListening(FacebookPageAdapter):
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
        posts = self._list(
            connection,
            f"{connection.external_id}/published_posts",
            "Reading the Page's posts",
            fields="id,created_time",
            limit=POSTS,
        )
        found: list[IncomingItem] = []
        for post in posts:
            post_id = str(post.get("id", "")) if isinstance(post, dict) else ""
            if not post_id:
                continue
            comments = self._list(
                connection,
                f"{post_id}/comments",
                "Reading comments",
                filter="stream",
                order="reverse_chronological",
                fields=COMMENT_FIELDS,
                limit=max(1, min(limit, 100)),
            )
            found.extend(newer([comment_item(c, post_id=post_id) for c in comments], after))
        return found, advanced(found, cursor)


def make(client: httpx.Client) -> FacebookListening:
    return FacebookListening(client)
