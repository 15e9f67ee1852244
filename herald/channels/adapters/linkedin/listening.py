"""LinkedIn organisation: comments on the organisation's recent posts. ``GET /rest/posts?
q=author&author={org urn}`` lists the posts, then ``GET /rest/socialActions/{post urn}/comments``
(Community Management API). The cursor is the latest ``created.time`` seen (epoch ms)."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

import httpx

from herald.channels.adapters._listening import advanced, newer, page, since
from herald.channels.adapters.base import Connection, IncomingItem, malformed
from herald.channels.adapters.linkedin.adapter import LinkedInAdapter

POSTS = 10


def comment_item(comment: Any, *, post_urn: str) -> IncomingItem:
    try:
        created = comment["created"]
        parent = str(comment.get("parentComment") or "")
        return IncomingItem(
            remote_id=str(comment.get("commentUrn") or comment["id"]),
            text=str((comment.get("message") or {}).get("text") or ""),
            posted_at=datetime.datetime.fromtimestamp(int(created["time"]) / 1000, datetime.UTC),
            url=f"https://www.linkedin.com/feed/update/{post_urn}/",
            author_handle=str(comment.get("actor") or created.get("actor") or ""),
            kind="reply" if parent else "comment",
            in_reply_to=parent or post_urn,
            thread_key=post_urn,
            likes=int((comment.get("likesSummary") or {}).get("totalLikes") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = comment.get("id") if isinstance(comment, dict) else ""
        return malformed(entry, f"Malformed LinkedIn comment ({type(error).__name__})")


class LinkedInListening(LinkedInAdapter):
    def _list(self, connection: Connection, path: str, what: str, **params: Any) -> list[Any]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, path),
            what=what,
            headers=self._headers(connection),
            params=params,
        )
        return page(response, "elements", what=what)[1]

    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        after = since(cursor)
        posts = self._list(
            connection,
            "/rest/posts",
            "Reading the organisation's posts",
            q="author",
            author=self._org(connection),
            count=POSTS,
        )
        found: list[IncomingItem] = []
        for post in posts:
            urn = str(post.get("id", "")) if isinstance(post, dict) else ""
            if not urn:
                continue
            comments = self._list(
                connection,
                f"/rest/socialActions/{quote(urn, safe='')}/comments",
                "Reading comments",
                count=max(1, min(limit, 100)),
            )
            found.extend(newer([comment_item(c, post_urn=urn) for c in comments], after))
        return found, advanced(found, cursor)


def make(client: httpx.Client) -> LinkedInListening:
    return LinkedInListening(client)
