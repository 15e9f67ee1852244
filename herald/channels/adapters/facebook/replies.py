"""Replies on a Facebook Page: a comment under the resident's comment
(``POST /{comment-id}/comments`` with ``message``; the answer is ``{"id": ...}``). The Graph API
has no idempotency key, so a reply is read back among the comment's replies by its exact text
from the Page (``GET /{comment-id}/comments?fields=id,message,created_time,from``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters._support import match_recent, now, parse_time
from herald.channels.adapters.base import Connection, OutgoingPost, Published, RemotePost

if TYPE_CHECKING:
    from herald.channels.adapters.facebook.adapter import FacebookPageAdapter

    _Base = FacebookPageAdapter
else:
    _Base = object


def comment_url(remote_id: str) -> str:
    return f"https://www.facebook.com/{remote_id}"


class FacebookReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{post.in_reply_to}/comments"),
            what="reply to comment",
            write=True,
            headers=self._auth(connection),
            json={"message": post.text},
        )
        remote_id = str(response.json()["id"])
        return Published(remote_id=remote_id, url=comment_url(remote_id), published_at=now())

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        if not post.in_reply_to:
            return super().find_published(connection, post)
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"{post.in_reply_to}/comments"),
            what="read replies",
            headers=self._auth(connection),
            params={"fields": "id,message,created_time,from", "limit": 100},
        )
        mine = [
            RemotePost(
                remote_id=str(item["id"]),
                url=comment_url(str(item["id"])),
                text=str(item.get("message", "")),
                created_at=parse_time(item.get("created_time")),
            )
            for item in response.json().get("data", [])
            if str((item.get("from") or {}).get("id", "")) == connection.external_id
        ]
        return match_recent(sorted(mine, key=_newest_first), [post.text])


def _newest_first(post: RemotePost) -> float:
    return -(post.created_at.timestamp() if post.created_at else 0.0)
