"""Bluesky (the AT Protocol), over XRPC with httpx (no SDK needed for these few calls).

- Session: ``com.atproto.server.createSession`` (handle + app password) gives ``accessJwt``
  (short-lived) and ``refreshJwt``; ``com.atproto.server.refreshSession`` renews them. An
  expired access token answers 400 ``ExpiredToken`` (or 401): the outbox refreshes once.
- Images: ``com.atproto.repo.uploadBlob`` (raw bytes) → a blob ref, embedded with its ``alt``.
- Post: ``com.atproto.repo.createRecord`` in ``app.bsky.feed.post`` with a **record key chosen
  before the call**: a TID derived from the delivery's idempotency key, so the same delivery can
  only ever make one record (a second create with that key is refused as already existing).
- Reconciliation: ``com.atproto.repo.getRecord`` with that key — exact, no text matching.
- First comment: a reply record (``reply.root``/``reply.parent``) with its own derived key.
- Rate limits: ``RateLimit-Remaining`` / ``RateLimit-Reset`` (epoch seconds); 429 when over.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import httpx

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import (
    AdapterError,
    AuthExpired,
    Connection,
    Health,
    Metrics,
    OutgoingPost,
    Permanent,
    Published,
    RateLimitState,
    Refreshed,
    RemotePost,
)
from herald.channels.adapters.media import read_media
from herald.channels.adapters.registry import register
from herald.channels.limits import limits_for

POST = "app.bsky.feed.post"
B32 = "234567abcdefghijklmnopqrstuvwxyz"
# Derived TIDs fall in the year after this moment (a valid TID: 53 bits of microseconds since
# the epoch and 10 bits of clock id, top bit zero).
TID_BASE_US = 1_704_067_200 * 1_000_000  # 2024-01-01
TID_SPAN_US = 366 * 24 * 3600 * 1_000_000


def tid_for(key: str) -> str:
    """A record key (TID syntax) that is the same for the same idempotency key, every time."""
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    micros = TID_BASE_US + (digest >> 10) % TID_SPAN_US
    value = (micros << 10) | (digest & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(B32[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _expired(response: httpx.Response) -> bool:
    if response.status_code == 401:
        return True
    if response.status_code == 400:
        try:
            return response.json().get("error") in {"ExpiredToken", "InvalidToken"}
        except ValueError:
            return False
    return False


class BlueskyAdapter:
    network = "bluesky"
    limits = limits_for("bluesky")

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._rate = RateLimitState()

    def _base(self, connection: Connection) -> str:
        return (connection.base_url or "https://bsky.social").rstrip("/")

    def _did(self, connection: Connection) -> str:
        return str(connection.credentials.get("did") or connection.external_id)

    def _xrpc(
        self,
        connection: Connection,
        method: str,
        nsid: str,
        *,
        write: bool,
        what: str,
        token: str | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        token = token if token is not None else str(connection.credentials.get("accessJwt", ""))
        if not token:
            raise AuthExpired(f"{what}: no Bluesky session yet")
        headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
        response = httpcalls.send(
            self.client,
            method,
            f"{self._base(connection)}/xrpc/{nsid}",
            write=write,
            state=self._rate,
            what=what,
            headers=headers,
            **kwargs,
        )
        if _expired(response):
            raise AuthExpired(
                f"{what}: the Bluesky session has expired", http_status=response.status_code
            )
        httpcalls.check(response, what=what)
        return response

    def _url(self, connection: Connection, rkey: str) -> str:
        who = connection.credentials.get("handle") or self._did(connection)
        return f"https://bsky.app/profile/{who}/post/{rkey}"

    def _images(self, connection: Connection, post: OutgoingPost) -> dict[str, Any] | None:
        images = []
        for item in post.media:
            if item.kind != "image":
                continue
            blob = self._xrpc(
                connection,
                "POST",
                "com.atproto.repo.uploadBlob",
                write=False,  # an unused blob is harmless: a retry is safe
                what="Uploading an image to Bluesky",
                content=read_media(item.path),
                headers={"Content-Type": item.content_type},
            ).json()["blob"]
            image: dict[str, Any] = {"alt": item.alt_text, "image": blob}
            if item.width and item.height:
                image["aspectRatio"] = {"width": item.width, "height": item.height}
            images.append(image)
        return {"$type": "app.bsky.embed.images", "images": images} if images else None

    def _record(
        self, post: OutgoingPost, text: str, embed: dict[str, Any] | None
    ) -> dict[str, Any]:
        record: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": datetime.datetime.now(datetime.UTC).isoformat().replace("+00:00", "Z"),
            "langs": ["en-GB"],
        }
        if post.link and post.link in text:
            start = text.encode().index(post.link.encode())
            record["facets"] = [
                {
                    "index": {"byteStart": start, "byteEnd": start + len(post.link.encode())},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": post.link}],
                }
            ]
        if embed:
            record["embed"] = embed
        return record

    def _create(
        self, connection: Connection, rkey: str, record: dict[str, Any], what: str
    ) -> dict[str, Any]:
        body = {"repo": self._did(connection), "collection": POST, "rkey": rkey, "record": record}
        try:
            return dict(
                self._xrpc(
                    connection,
                    "POST",
                    "com.atproto.repo.createRecord",
                    write=True,
                    what=what,
                    json=body,
                ).json()
            )
        except Permanent as error:
            if "already exists" not in error.detail.lower():
                raise
            # This key already made its record (an earlier attempt whose answer was lost).
            existing = self._get(connection, rkey)
            if existing is None:
                raise
            return existing

    def _get(self, connection: Connection, rkey: str) -> dict[str, Any] | None:
        try:
            response = self._xrpc(
                connection,
                "GET",
                "com.atproto.repo.getRecord",
                write=False,
                what="Reading back from Bluesky",
                params={"repo": self._did(connection), "collection": POST, "rkey": rkey},
            )
        except Permanent as error:
            if error.http_status in (400, 404):
                return None
            raise
        return dict(response.json())

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        text = post.text
        if post.link and post.link not in text:
            text = f"{text}\n\n{post.link}".strip()
        rkey = tid_for(post.idempotency_key)
        made = self._create(
            connection,
            rkey,
            self._record(post, text, self._images(connection, post)),
            "Publishing to Bluesky",
        )
        published = Published(remote_id=str(made["uri"]), url=self._url(connection, rkey))
        if not post.first_comment:
            return published
        ref = {"uri": made["uri"], "cid": made["cid"]}
        reply = self._record(post, post.first_comment, None)
        reply.pop("facets", None)
        reply["reply"] = {"root": ref, "parent": ref}
        try:
            comment = self._create(
                connection,
                tid_for(f"{post.idempotency_key}:first-comment"),
                reply,
                "Posting the first comment",
            )
        except AdapterError:
            return published
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            first_comment_remote_id=str(comment["uri"]),
        )

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        rkey = tid_for(post.idempotency_key)
        found = self._get(connection, rkey)
        if found is None:
            return None
        return Published(remote_id=str(found["uri"]), url=self._url(connection, rkey))

    def delete(self, connection: Connection, remote_id: str) -> None:
        rkey = remote_id.rsplit("/", 1)[-1]
        self._xrpc(
            connection,
            "POST",
            "com.atproto.repo.deleteRecord",
            write=True,
            what="Deleting from Bluesky",
            json={"repo": self._did(connection), "collection": POST, "rkey": rkey},
        )

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        data = self._xrpc(
            connection,
            "GET",
            "com.atproto.repo.listRecords",
            write=False,
            what="Reading recent posts",
            params={"repo": self._did(connection), "collection": POST, "limit": min(limit, 100)},
        ).json()
        return [
            RemotePost(
                remote_id=str(item["uri"]),
                url=self._url(connection, str(item["uri"]).rsplit("/", 1)[-1]),
                text=str(item["value"].get("text", "")),
            )
            for item in data.get("records", [])
        ]

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        data = self._xrpc(
            connection,
            "GET",
            "app.bsky.feed.getPosts",
            write=False,
            what="Metrics",
            params={"uris": remote_id},
        ).json()
        posts = data.get("posts", [])
        if not posts:
            return Metrics(remote_id=remote_id)
        view = posts[0]
        return Metrics(
            remote_id=remote_id,
            likes=int(view.get("likeCount", 0)),
            shares=int(view.get("repostCount", 0)) + int(view.get("quoteCount", 0)),
            comments=int(view.get("replyCount", 0)),
        )

    def _session(self, data: dict[str, Any]) -> Refreshed:
        return Refreshed(
            credentials={
                "accessJwt": data["accessJwt"],
                "refreshJwt": data["refreshJwt"],
                "did": data["did"],
                "handle": data.get("handle", ""),
            },
            expires_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2),
        )

    def refresh(self, connection: Connection) -> Refreshed:
        """A new session: refreshSession with the refresh token, else createSession with the
        app password (which does not expire until the owner revokes it)."""
        refresh_jwt = str(connection.credentials.get("refreshJwt", ""))
        if refresh_jwt:
            try:
                response = self._xrpc(
                    connection,
                    "POST",
                    "com.atproto.server.refreshSession",
                    write=False,
                    what="Refreshing the Bluesky session",
                    token=refresh_jwt,
                )
                return self._session(response.json())
            except AuthExpired:
                pass
        creds = connection.credentials
        if not creds.get("app_password"):
            raise AuthExpired("Bluesky refused the session and Herald holds no app password")
        response = httpcalls.send(
            self.client,
            "POST",
            f"{self._base(connection)}/xrpc/com.atproto.server.createSession",
            write=False,
            state=self._rate,
            what="Signing in to Bluesky",
            json={
                "identifier": str(creds.get("identifier") or connection.external_id),
                "password": str(creds["app_password"]),
            },
        )
        httpcalls.check(response, what="Signing in to Bluesky", auth_codes=(400, 401))
        return self._session(response.json())

    def health(self, connection: Connection) -> Health:
        try:
            self._xrpc(
                connection, "GET", "com.atproto.server.getSession", write=False, what="Checking"
            )
        except AuthExpired:
            try:
                self.refresh(connection)
            except AdapterError as error:
                return Health(ok=False, detail=error.detail)
            return Health(ok=True, detail="The session was renewed")
        except AdapterError as error:
            return Health(ok=False, detail=error.detail)
        return Health(ok=True)

    def last_rate_limit(self) -> RateLimitState:
        return self._rate


# Replies (the inbox) are mixed in from their own module.
from herald.channels.adapters.bluesky.replies import BlueskyReplies  # noqa: E402


class BlueskyNetworkAdapter(BlueskyReplies, BlueskyAdapter):
    pass


def make(client: httpx.Client) -> BlueskyAdapter:
    return BlueskyNetworkAdapter(client)


register("bluesky", make)
