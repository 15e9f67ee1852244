"""Mastodon (any instance), over its REST API with httpx.

- Media: ``POST /api/v2/media`` (multipart ``file`` + ``description`` = alt text); a 202 means
  still processing, polled with ``GET /api/v1/media/:id`` until its ``url`` is set.
- Post: ``POST /api/v1/statuses`` with ``Idempotency-Key`` (the delivery's key; Mastodon keeps it
  an hour, so a retry within the hour returns the same status instead of a second one).
- First comment: a reply (``in_reply_to_id``) with its own derived key.
- Reconciliation: ``GET /api/v1/accounts/:id/statuses`` matched on the text.
- Rate limits: ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset`` (ISO 8601) on every response.
- Tokens do not expire unless revoked; if the connection holds a refresh token (and client id
  and secret), ``POST /oauth/token`` with ``grant_type=refresh_token`` renews it.
"""

from __future__ import annotations

import datetime
import html
import re
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
    Transient,
)
from herald.channels.adapters.media import read_media
from herald.channels.adapters.registry import register
from herald.channels.limits import limits_for

MEDIA_POLLS = 10
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Mastodon's HTML content (or our text) reduced to comparable words."""
    text = re.sub(r"</p>\s*<p>|<br\s*/?>", " ", text)
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def status_text(post: OutgoingPost) -> str:
    if post.link and post.link not in post.text:
        return f"{post.text}\n\n{post.link}".strip()
    return post.text


class MastodonAdapter:
    network = "mastodon"
    limits = limits_for("mastodon")

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._rate = RateLimitState()

    def _call(
        self,
        connection: Connection,
        method: str,
        path: str,
        *,
        write: bool,
        what: str,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        token = str(connection.credentials.get("access_token", ""))
        response = httpcalls.send(
            self.client,
            method,
            connection.base_url.rstrip("/") + path,
            write=write,
            state=self._rate,
            what=what,
            headers={"Authorization": f"Bearer {token}", **(headers or {})},
            **kwargs,
        )
        httpcalls.check(response, what=what)
        return response

    def _upload(self, connection: Connection, post: OutgoingPost) -> list[str]:
        ids = []
        for item in post.media:
            if item.kind == "captions":
                continue
            response = self._call(
                connection,
                "POST",
                "/api/v2/media",
                write=False,  # an orphaned upload is harmless: a retry is safe
                what="Uploading media to Mastodon",
                files={
                    "file": (item.path.rsplit("/", 1)[-1], read_media(item.path), item.content_type)
                },
                data={"description": item.alt_text} if item.alt_text else {},
            )
            media = response.json()
            polls = 0
            while response.status_code == 202 or media.get("url") is None:
                polls += 1
                if polls > MEDIA_POLLS:
                    raise Transient("Mastodon is still processing the media")
                response = self._call(
                    connection,
                    "GET",
                    f"/api/v1/media/{media['id']}",
                    write=False,
                    what="Waiting for Mastodon's media",
                )
                media = response.json()
                if response.status_code == 200 and media.get("url"):
                    break
            ids.append(str(media["id"]))
        return ids

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        media_ids = self._upload(connection, post)
        body: dict[str, Any] = {"status": status_text(post), "visibility": "public"}
        if media_ids:
            body["media_ids"] = media_ids
        response = self._call(
            connection,
            "POST",
            "/api/v1/statuses",
            write=True,
            what="Publishing to Mastodon",
            json=body,
            headers={"Idempotency-Key": post.idempotency_key},
        )
        status = response.json()
        published = Published(
            remote_id=str(status["id"]),
            url=str(status.get("url") or status.get("uri") or ""),
            published_at=_when(status.get("created_at")),
        )
        if not post.first_comment:
            return published
        try:
            reply = self._call(
                connection,
                "POST",
                "/api/v1/statuses",
                write=True,
                what="Posting the first comment",
                json={
                    "status": post.first_comment,
                    "in_reply_to_id": published.remote_id,
                    "visibility": "public",
                },
                headers={"Idempotency-Key": f"{post.idempotency_key}:first-comment"},
            )
        except AdapterError:
            return published
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            published_at=published.published_at,
            first_comment_remote_id=str(reply.json()["id"]),
        )

    def delete(self, connection: Connection, remote_id: str) -> None:
        try:
            self._call(
                connection, "DELETE", f"/api/v1/statuses/{remote_id}", write=True, what="Deleting"
            )
        except Permanent as error:
            if error.http_status != 404:
                raise

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        response = self._call(
            connection,
            "GET",
            f"/api/v1/accounts/{connection.external_id}/statuses",
            write=False,
            what="Reading recent posts",
            params={"limit": min(limit, 40), "exclude_replies": "true"},
        )
        return [
            RemotePost(
                remote_id=str(item["id"]),
                url=str(item.get("url") or item.get("uri") or ""),
                text=plain(str(item.get("content", ""))),
                created_at=_when(item.get("created_at")),
            )
            for item in response.json()
        ]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        wanted = plain(html.escape(status_text(post)))
        for item in self.recent_posts(connection, limit=40):
            if item.text == wanted:
                return Published(
                    remote_id=item.remote_id, url=item.url, published_at=item.created_at
                )
        return None

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        data = self._call(
            connection, "GET", f"/api/v1/statuses/{remote_id}", write=False, what="Metrics"
        ).json()
        return Metrics(
            remote_id=remote_id,
            likes=int(data.get("favourites_count", 0)),
            shares=int(data.get("reblogs_count", 0)),
            comments=int(data.get("replies_count", 0)),
        )

    def refresh(self, connection: Connection) -> Refreshed:
        creds = connection.credentials
        if not creds.get("refresh_token"):
            raise AuthExpired(
                "Mastodon refused the access token and Herald holds no refresh token: reconnect"
            )
        response = httpcalls.send(
            self.client,
            "POST",
            connection.base_url.rstrip("/") + "/oauth/token",
            write=False,
            state=self._rate,
            what="Refreshing the Mastodon token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": str(creds["refresh_token"]),
                "client_id": str(creds.get("client_id", "")),
                "client_secret": str(creds.get("client_secret", "")),
            },
        )
        httpcalls.check(response, what="Refreshing the Mastodon token", auth_codes=(400, 401))
        data = response.json()
        expires_in = data.get("expires_in")
        return Refreshed(
            credentials={
                "access_token": data["access_token"],
                "refresh_token": data.get("refresh_token") or creds["refresh_token"],
            },
            expires_at=(
                datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=int(expires_in))
                if expires_in
                else None
            ),
        )

    def health(self, connection: Connection) -> Health:
        try:
            data = self._call(
                connection,
                "GET",
                "/api/v1/accounts/verify_credentials",
                write=False,
                what="Checking Mastodon",
            ).json()
        except AdapterError as error:
            return Health(ok=False, detail=error.detail)
        if connection.external_id and str(data.get("id")) != connection.external_id:
            return Health(ok=False, detail="The token belongs to a different Mastodon account")
        return Health(ok=True)

    def last_rate_limit(self) -> RateLimitState:
        return self._rate


def _when(value: Any) -> datetime.datetime | None:
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


# Replies (the inbox) are mixed in from their own module.
from herald.channels.adapters.mastodon.replies import MastodonReplies  # noqa: E402


class MastodonNetworkAdapter(MastodonReplies, MastodonAdapter):
    pass


def make(client: httpx.Client) -> MastodonAdapter:
    return MastodonNetworkAdapter(client)


register("mastodon", make)
