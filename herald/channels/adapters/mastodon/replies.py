"""Replies on Mastodon: a status with ``in_reply_to_id`` and the reply's own Idempotency-Key
(so a retry never posts twice), read back among the status's descendants
(``GET /api/v1/statuses/{id}/context``) by the account and text. Mastodon gives an account no way
to hide or delete other people's replies, so there is no moderation module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters._support import match_recent, parse_time
from herald.channels.adapters.base import Connection, OutgoingPost, Published, RemotePost

if TYPE_CHECKING:
    from herald.channels.adapters.mastodon import MastodonAdapter

    _Base = MastodonAdapter
else:
    _Base = object


class MastodonReplies(_Base):
    supports_replies = True

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        response = self._call(
            connection,
            "POST",
            "/api/v1/statuses",
            write=True,
            what="Replying",
            json={"status": post.text, "in_reply_to_id": post.in_reply_to, "visibility": "public"},
            headers={"Idempotency-Key": post.idempotency_key},
        )
        data = response.json()
        return Published(
            remote_id=str(data["id"]),
            url=str(data.get("url") or data.get("uri") or ""),
            published_at=parse_time(data.get("created_at")),
        )

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        if not post.in_reply_to:
            return super().find_published(connection, post)
        response = self._call(
            connection,
            "GET",
            f"/api/v1/statuses/{post.in_reply_to}/context",
            write=False,
            what="Reading back a reply",
        )
        from herald.channels.adapters.mastodon import plain  # noqa: PLC0415

        mine = [
            RemotePost(
                remote_id=str(item["id"]),
                url=str(item.get("url") or ""),
                text=plain(str(item.get("content", ""))),
                created_at=parse_time(item.get("created_at")),
            )
            for item in response.json().get("descendants", [])
            if str((item.get("account") or {}).get("id", "")) == connection.external_id
            and str(item.get("in_reply_to_id", "")) == post.in_reply_to
        ]
        return match_recent(mine, [post.text])
