"""Replies on X (API v2): a post with ``reply.in_reply_to_tweet_id`` (``POST /2/tweets``; the
answer is ``{"data": {"id", "text"}}``). X has no idempotency key, so a reply is read back among
the account's recent posts by its text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters._support import now
from herald.channels.adapters.base import Connection, OutgoingPost, Published

if TYPE_CHECKING:
    from herald.channels.adapters.x.adapter import XAdapter

    _Base = XAdapter
else:
    _Base = object


class XReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/2/tweets"),
            what="reply",
            write=True,
            headers=self._auth(connection),
            json={"text": post.text, "reply": {"in_reply_to_tweet_id": post.in_reply_to}},
        )
        remote_id = str(response.json()["data"]["id"])
        return Published(
            remote_id=remote_id, url=self._post_url(connection, remote_id), published_at=now()
        )
