"""Replies on YouTube (Data API v3): a reply to a comment (``POST /youtube/v3/comments?part=
snippet`` with ``snippet.parentId`` and ``snippet.textOriginal``; the answer is the comment
resource), read back among the comment's replies (``GET /youtube/v3/comments?part=snippet&
parentId=...``) by the channel and exact text (no idempotency key)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters._support import match_recent, now, parse_time
from herald.channels.adapters.base import Connection, OutgoingPost, Published, RemotePost

if TYPE_CHECKING:
    from herald.channels.adapters.youtube.adapter import YouTubeAdapter

    _Base = YouTubeAdapter
else:
    _Base = object


class YouTubeReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/youtube/v3/comments"),
            what="reply to comment",
            write=True,
            headers=self._auth(connection),
            params={"part": "snippet"},
            json={"snippet": {"parentId": post.in_reply_to, "textOriginal": post.text}},
        )
        self._spend(50)
        return Published(remote_id=str(response.json()["id"]), url="", published_at=now())

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        if not post.in_reply_to:
            return super().find_published(connection, post)
        response = self._call(
            connection,
            "GET",
            self._url(connection, "/youtube/v3/comments"),
            what="read replies",
            headers=self._auth(connection),
            params={"part": "snippet", "parentId": post.in_reply_to, "maxResults": 100},
        )
        self._spend(1)
        mine = []
        for item in response.json().get("items", []):
            snippet = item.get("snippet") or {}
            channel = str((snippet.get("authorChannelId") or {}).get("value", ""))
            if connection.external_id and channel != connection.external_id:
                continue
            text = str(snippet.get("textOriginal") or snippet.get("textDisplay") or "")
            created = parse_time(snippet.get("publishedAt"))
            mine.append(RemotePost(str(item["id"]), "", text, created))
        return match_recent(mine, [post.text])
