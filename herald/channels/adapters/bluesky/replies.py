"""Replies on Bluesky (AT Protocol): a post record with ``reply.parent`` (the resident's post:
its at:// URI and CID, read with ``app.bsky.feed.getPosts``) and ``reply.root`` (the thread's
first post: the parent's own root if it is itself a reply). The record key is chosen from the
reply's idempotency key before the call, as for posts, so a retry never makes a second record and
reading back is exact (``getRecord`` with that key: the adapter's own ``find_published``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from herald.channels.adapters.base import Connection, OutgoingPost, Permanent, Published

if TYPE_CHECKING:
    from herald.channels.adapters.bluesky import BlueskyAdapter

    _Base = BlueskyAdapter
else:
    _Base = object


class BlueskyReplies(_Base):
    supports_replies = True

    def _reply_refs(self, connection: Connection, uri: str) -> dict[str, Any]:
        posts = (
            self._xrpc(
                connection,
                "GET",
                "app.bsky.feed.getPosts",
                write=False,
                what="Reading the post to reply to",
                params={"uris": uri},
            )
            .json()
            .get("posts", [])
        )
        if not posts:
            raise Permanent("The post to reply to is no longer on Bluesky")
        parent = {"uri": str(posts[0]["uri"]), "cid": str(posts[0]["cid"])}
        root = ((posts[0].get("record") or {}).get("reply") or {}).get("root") or parent
        return {"root": {"uri": str(root["uri"]), "cid": str(root["cid"])}, "parent": parent}

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        if not post.in_reply_to:
            return super().publish(connection, post)
        from herald.channels.adapters.bluesky import tid_for  # noqa: PLC0415 - it imports us

        record = self._record(post, post.text, None)
        record["reply"] = self._reply_refs(connection, post.in_reply_to)
        rkey = tid_for(post.idempotency_key)
        made = self._create(connection, rkey, record, "Replying on Bluesky")
        return Published(remote_id=str(made["uri"]), url=self._url(connection, rkey))
