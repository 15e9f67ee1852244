"""Replies on the Sandbox network: a reply is a status with ``in_reply_to_id`` (the resident's
comment, on any account) and the reply's own Idempotency-Key, so a retry never posts twice;
read back among the replies under that comment by the key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection, OutgoingPost, Published

if TYPE_CHECKING:
    from herald.channels.adapters.sandbox import SandboxAdapter

    _Base = SandboxAdapter
else:
    _Base = object


class SandboxReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            "statuses",
            write=True,
            what="Replying on the Sandbox",
            json={"text": post.text, "in_reply_to_id": post.in_reply_to},
            headers={"Idempotency-Key": post.idempotency_key},
        )
        return self._published(response.json())

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        if not post.in_reply_to:
            return super().find_published(connection, post)
        response = self._call(
            connection,
            "GET",
            "statuses",
            post.in_reply_to,
            "replies",
            write=False,
            what="Reading back a reply",
            params={"idempotency_key": post.idempotency_key},
        )
        items = response.json()
        return self._published(items[0]) if items else None
