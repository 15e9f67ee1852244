"""Replies on Instagram (business): a reply to a comment (``POST /{ig-comment-id}/replies`` with
``message``; the answer is ``{"id": ...}``), read back among the comment's replies
(``GET /{ig-comment-id}/replies?fields=id,text,username,timestamp``) by the account's username
and the exact text (no idempotency key)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters._support import match_recent, now, parse_time
from herald.channels.adapters.base import Connection, OutgoingPost, Published, RemotePost

if TYPE_CHECKING:
    from herald.channels.adapters.instagram.adapter import InstagramAdapter

    _Base = InstagramAdapter
else:
    _Base = object


class InstagramReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{post.in_reply_to}/replies"),
            what="reply to comment",
            write=True,
            headers=self._auth(connection),
            json={"message": post.text},
        )
        return Published(remote_id=str(response.json()["id"]), url="", published_at=now())

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        if not post.in_reply_to:
            return super().find_published(connection, post)
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"{post.in_reply_to}/replies"),
            what="read replies",
            headers=self._auth(connection),
            params={"fields": "id,text,username,timestamp"},
        )
        handle = connection.handle.lstrip("@").lower()
        mine = [
            RemotePost(
                remote_id=str(item["id"]),
                url="",
                text=str(item.get("text", "")),
                created_at=parse_time(item.get("timestamp")),
            )
            for item in response.json().get("data", [])
            if not handle or str(item.get("username", "")).lower() == handle
        ]
        return match_recent(mine, [post.text])
