"""The Sandbox network's adapter: Herald's own local network, spoken to over its JSON API.

The client's transport decides where the API is: over HTTP to a Sandbox served elsewhere (the
connection's ``base_url``), or in-process through ``protocol.LocalTransport`` (the default, used
by the embedded worker, the tests and the benchmark). The requests and the idempotency semantics
are the same either way (see docs/channels.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from herald.channels.adapters import httpcalls
from herald.channels.adapters.base import (
    AuthExpired,
    Connection,
    Health,
    Metrics,
    OutgoingPost,
    Permanent,
    Published,
    RateLimited,
    RateLimitState,
    Refreshed,
    RemotePost,
    Transient,
    UnknownOutcome,
)
from herald.channels.adapters.registry import register
from herald.channels.limits import limits_for

LOCAL_BASE_URL = "http://sandbox.herald.internal"


class SandboxAdapter:
    network = "sandbox"
    limits = limits_for("sandbox")

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._rate = RateLimitState()

    # -- plumbing --------------------------------------------------------------------------
    def _url(self, connection: Connection, *parts: str) -> str:
        base = (connection.base_url or LOCAL_BASE_URL).rstrip("/")
        handle = quote(connection.handle or connection.external_id, safe="")
        tail = "/".join(quote(part, safe="") for part in parts)
        return f"{base}/api/v1/channels/sandbox/{handle}/{tail}"

    def _headers(self, connection: Connection, **extra: str) -> dict[str, str]:
        token = str(connection.credentials.get("access_token", ""))
        return {"Authorization": f"Bearer {token}", **extra}

    def _call(
        self, connection: Connection, method: str, *parts: str, write: bool, what: str, **kw: Any
    ) -> httpx.Response:
        headers = self._headers(connection, **kw.pop("headers", {}))
        response = httpcalls.send(
            self.client,
            method,
            self._url(connection, *parts),
            write=write,
            state=self._rate,
            what=what,
            headers=headers,
            **kw,
        )
        httpcalls.check(response, what=what)
        return response

    @staticmethod
    def _published(data: dict[str, Any]) -> Published:
        return Published(remote_id=str(data["id"]), url=str(data["url"]))

    # -- the interface ---------------------------------------------------------------------
    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        body = {
            "text": post.text,
            "link": post.link,
            "media": [
                {
                    "name": item.path.rsplit("/", 1)[-1],
                    "content_type": item.content_type,
                    "alt_text": item.alt_text,
                }
                for item in post.media
            ],
        }
        response = self._call(
            connection,
            "POST",
            "statuses",
            write=True,
            what="Publishing to the Sandbox",
            json=body,
            headers={"Idempotency-Key": post.idempotency_key},
        )
        published = self._published(response.json())
        if not post.first_comment:
            return published
        try:
            reply = self._call(
                connection,
                "POST",
                "statuses",
                write=True,
                what="Posting the first comment",
                json={"text": post.first_comment, "in_reply_to_id": published.remote_id},
                headers={"Idempotency-Key": f"{post.idempotency_key}:first-comment"},
            )
        except (Transient, UnknownOutcome, Permanent, RateLimited, AuthExpired):
            return published  # the post is out; the sweep notes the missing comment
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            first_comment_remote_id=str(reply.json()["id"]),
        )

    def delete(self, connection: Connection, remote_id: str) -> None:
        try:
            self._call(connection, "DELETE", "statuses", remote_id, write=True, what="Deleting")
        except Permanent as error:
            if error.http_status != 404:  # already gone counts as deleted
                raise

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        response = self._call(
            connection,
            "GET",
            "statuses",
            write=False,
            what="Reading recent posts",
            params={"limit": limit},
        )
        return [
            RemotePost(remote_id=str(item["id"]), url=str(item["url"]), text=str(item["text"]))
            for item in response.json()
        ]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        response = self._call(
            connection,
            "GET",
            "statuses",
            write=False,
            what="Reading back",
            params={"idempotency_key": post.idempotency_key, "limit": 1},
        )
        items = response.json()
        return self._published(items[0]) if items else None

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        data = self._call(
            connection, "GET", "statuses", remote_id, "metrics", write=False, what="Metrics"
        ).json()
        return Metrics(
            remote_id=remote_id,
            likes=int(data["likes"]),
            views=int(data["views"]),
            comments=int(data["replies"]),
        )

    def refresh(self, connection: Connection) -> Refreshed:
        response = httpcalls.send(
            self.client,
            "POST",
            self._url(connection, "token"),
            write=False,
            state=self._rate,
            what="Refreshing the token",
            json={"refresh_token": str(connection.credentials.get("refresh_token", ""))},
        )
        httpcalls.check(response, what="Refreshing the token", auth_codes=(400, 401))
        data = response.json()
        return Refreshed(
            credentials={
                "access_token": data["access_token"],
                "refresh_token": data["refresh_token"],
            },
            expires_at=datetime.fromisoformat(data["expires_at"]),
        )

    def health(self, connection: Connection) -> Health:
        try:
            data = self._call(connection, "GET", "verify", write=False, what="Checking").json()
        except AuthExpired as error:
            return Health(ok=False, detail=error.detail)
        except (Transient, Permanent, RateLimited) as error:
            return Health(ok=False, detail=error.detail)
        expires = data.get("token_expires_at")
        return Health(ok=True, expires_at=datetime.fromisoformat(expires) if expires else None)

    def last_rate_limit(self) -> RateLimitState:
        return self._rate


# Replies and moderation (the inbox) are mixed in from their own modules.
from herald.channels.adapters.sandbox.moderation import SandboxModeration  # noqa: E402
from herald.channels.adapters.sandbox.replies import SandboxReplies  # noqa: E402


class SandboxNetworkAdapter(SandboxReplies, SandboxModeration, SandboxAdapter):
    pass


def make(client: httpx.Client) -> SandboxAdapter:
    return SandboxNetworkAdapter(client)


register("sandbox", make)
