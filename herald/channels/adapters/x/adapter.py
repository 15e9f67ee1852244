"""X API v2 adapter.

Connection: ``external_id`` is the X user id; ``base_url`` is ``https://api.x.com``;
``credentials`` hold ``access_token`` (OAuth 2.0 user context, 2 hours), ``refresh_token``
(``offline.access``; X rotates it on every refresh), ``client_id`` and, for a confidential client,
``client_secret``.

Publishing: each image is uploaded (``POST /2/media/upload``), its alt text set
(``POST /2/media/metadata``), then ``POST /2/tweets``; a video goes through the chunked upload
(initialize / append / finalize, then status polling). The link is appended to the text. A first
comment is a reply to the new post; if it fails the post still counts as published.

X has no idempotency key. A 403 "duplicate content" is Permanent (X refuses identical text), and
reconciliation reads ``GET /2/users/:id/tweets`` and matches the exact text, with every URL
treated as equal because X rewrites links to ``t.co``.
"""

from __future__ import annotations

import datetime
import logging
import math
import re
import time
from collections.abc import Callable
from typing import Any

import httpx

from herald.channels.adapters._support import (
    HttpAdapter,
    composed_text,
    json_of,
    match_recent,
    normalise,
    now,
    parse_time,
    read_file,
    retry_after,
    scrub,
)
from herald.channels.adapters.base import (
    AdapterError,
    AuthExpired,
    Connection,
    Health,
    Metrics,
    OutgoingMedia,
    OutgoingPost,
    Permanent,
    Published,
    RateLimited,
    Refreshed,
    RemotePost,
    Transient,
    UnknownOutcome,
)
from herald.channels.limits import limits_for

logger = logging.getLogger(__name__)

CHUNK_BYTES = 4 * 1024 * 1024
MAX_PROCESSING_WAIT_S = 300.0
URL_RE = re.compile(r"https?://\S+")


def _match_key(text: str) -> str:
    """X rewrites every link to a t.co address, so links compare equal whatever they are."""
    return normalise(URL_RE.sub("<url>", text))


class XAdapter(HttpAdapter):
    network = "x"
    limits = limits_for("x")

    def __init__(
        self, client: httpx.Client, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        super().__init__(client)
        self._sleep = sleep

    # --- plumbing -----------------------------------------------------------------------------
    def _url(self, connection: Connection, path: str) -> str:
        return connection.base_url.rstrip("/") + path

    def _auth(self, connection: Connection) -> dict[str, str]:
        return {"Authorization": f"Bearer {connection.credentials.get('access_token', '')}"}

    def _note_rate_limit(self, response: httpx.Response) -> None:
        remaining = response.headers.get("x-rate-limit-remaining")
        reset = response.headers.get("x-rate-limit-reset")
        if remaining is None and reset is None:
            return
        limit = response.headers.get("x-rate-limit-limit")
        self._rate.remaining = int(remaining) if remaining and remaining.isdigit() else None
        self._rate.reset_at = (
            datetime.datetime.fromtimestamp(int(reset), datetime.UTC)
            if reset and reset.isdigit()
            else None
        )
        self._rate.extra = {"limit": int(limit) if limit and limit.isdigit() else None}
        # Posting also has a 24-hour cap per user, reported beside the 15-minute window.
        daily_remaining = response.headers.get("x-user-limit-24hour-remaining")
        daily_reset = response.headers.get("x-user-limit-24hour-reset")
        if daily_remaining and daily_remaining.isdigit():
            self._rate.extra["user_24h_remaining"] = int(daily_remaining)
            if daily_reset and daily_reset.isdigit():
                self._rate.extra["user_24h_reset"] = int(daily_reset)

    @staticmethod
    def _retry_after(response: httpx.Response) -> float:
        """Until the 24-hour user cap resets when that is what ran out, else the window's reset."""
        headers = response.headers
        if headers.get("x-user-limit-24hour-remaining") == "0":
            reset = headers.get("x-user-limit-24hour-reset", "")
            if reset.isdigit():
                return max(float(reset) - now().timestamp(), 1.0)
        return retry_after(headers)

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        status = response.status_code
        body = json_of(response)
        message = ""
        if isinstance(body, dict):
            message = str(body.get("detail") or body.get("title") or body.get("error") or "")
            errors = body.get("errors")
            if not message and isinstance(errors, list) and errors:
                first = errors[0]
                message = str(first.get("message") or first.get("detail") or "")
        message = scrub(message, connection)
        detail = f"{what}: X answered {status}" + (f" ({message})" if message else "")
        if status == 429:
            return RateLimited(detail, retry_after=self._retry_after(response))
        if status == 401:
            return AuthExpired(f"{what}: the X access token is expired or revoked", http_status=401)
        if status == 403 and "duplicate" in message.lower():
            return Permanent(
                f"{what}: X refused duplicate content (this exact text is already on the "
                "account; reconcile rather than retry)",
                http_status=403,
            )
        if status == 504 and write:
            return UnknownOutcome(detail, http_status=status)
        if status >= 500:
            return Transient(detail, http_status=status)
        return Permanent(detail, http_status=status)

    # --- media ------------------------------------------------------------------------------
    def _upload_image(self, connection: Connection, media: OutgoingMedia) -> str:
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/2/media/upload"),
            what="upload image",
            headers=self._auth(connection),
            data={"media_category": "tweet_image", "media_type": media.content_type},
            files={"media": ("image", read_file(media.path), media.content_type)},
        )
        media_id = str(response.json()["data"]["id"])
        if media.alt_text:
            self._call(
                connection,
                "POST",
                self._url(connection, "/2/media/metadata"),
                what="set alt text",
                headers=self._auth(connection),
                json={"id": media_id, "metadata": {"alt_text": {"text": media.alt_text[:1000]}}},
            )
        return media_id

    def _upload_video(self, connection: Connection, media: OutgoingMedia) -> str:
        content = read_file(media.path)
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/2/media/upload/initialize"),
            what="start video upload",
            headers=self._auth(connection),
            json={
                "media_type": media.content_type,
                "total_bytes": len(content),
                "media_category": "tweet_video",
            },
        )
        media_id = str(response.json()["data"]["id"])
        for index in range(max(math.ceil(len(content) / CHUNK_BYTES), 1)):
            chunk = content[index * CHUNK_BYTES : (index + 1) * CHUNK_BYTES]
            self._call(
                connection,
                "POST",
                self._url(connection, f"/2/media/upload/{media_id}/append"),
                what="upload video",
                headers=self._auth(connection),
                data={"segment_index": str(index)},
                files={"media": ("video", chunk, "application/octet-stream")},
            )
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"/2/media/upload/{media_id}/finalize"),
            what="finish video upload",
            headers=self._auth(connection),
        )
        info = response.json()["data"].get("processing_info")
        waited = 0.0
        while info and info.get("state") in {"pending", "in_progress"}:
            delay = float(info.get("check_after_secs") or 1)
            if waited + delay > MAX_PROCESSING_WAIT_S:
                raise Transient("X is still processing the video; try again later")
            self._sleep(delay)
            waited += delay
            response = self._call(
                connection,
                "GET",
                self._url(connection, "/2/media/upload"),
                what="video processing status",
                headers=self._auth(connection),
                params={"media_id": media_id, "command": "STATUS"},
            )
            info = response.json()["data"].get("processing_info")
        if info and info.get("state") == "failed":
            raise Permanent("X could not process the video")
        return media_id

    # --- the interface ------------------------------------------------------------------------
    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        media_ids = [
            self._upload_video(connection, media)
            if media.kind == "video"
            else self._upload_image(connection, media)
            for media in post.media
            if media.kind in {"image", "video"}
        ]
        body: dict[str, Any] = {"text": composed_text(post)}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/2/tweets"),
            what="create post",
            write=True,
            headers=self._auth(connection),
            json=body,
        )
        remote_id = str(response.json()["data"]["id"])
        published = Published(
            remote_id=remote_id, url=self._post_url(connection, remote_id), published_at=now()
        )
        logger.info("Published X post %s", remote_id)
        if post.first_comment:
            published = self._first_comment(connection, published, post.first_comment)
        return published

    def _first_comment(self, connection: Connection, published: Published, text: str) -> Published:
        try:
            response = self._call(
                connection,
                "POST",
                self._url(connection, "/2/tweets"),
                what="first comment",
                write=True,
                headers=self._auth(connection),
                json={"text": text, "reply": {"in_reply_to_tweet_id": published.remote_id}},
            )
        except AdapterError as error:
            # The post itself is out; a failed reply must never make the outbox re-send it.
            logger.warning("X first comment on %s failed: %s", published.remote_id, error.detail)
            return published
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            published_at=published.published_at,
            first_comment_remote_id=str(response.json()["data"]["id"]),
        )

    def _post_url(self, connection: Connection, remote_id: str) -> str:
        handle = connection.handle.lstrip("@")
        if handle:
            return f"https://x.com/{handle}/status/{remote_id}"
        return f"https://x.com/i/web/status/{remote_id}"

    def delete(self, connection: Connection, remote_id: str) -> None:
        self._call(
            connection,
            "DELETE",
            self._url(connection, f"/2/tweets/{remote_id}"),
            what="delete post",
            headers=self._auth(connection),
            ok_statuses=(404,),
        )

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"/2/users/{connection.external_id}/tweets"),
            what="read recent posts",
            headers=self._auth(connection),
            params={"max_results": min(max(limit, 5), 100), "tweet.fields": "created_at,text"},
        )
        return [
            RemotePost(
                remote_id=str(item["id"]),
                url=self._post_url(connection, str(item["id"])),
                text=str(item.get("text", "")),
                created_at=parse_time(item.get("created_at")),
            )
            for item in response.json().get("data", [])
        ][:limit]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        # Each post read is billed, so reconciliation reads only the last 20.
        return match_recent(
            self.recent_posts(connection, limit=20),
            [composed_text(post), post.text],
            key=_match_key,
        )

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"/2/tweets/{remote_id}"),
            what="read metrics",
            headers=self._auth(connection),
            params={"tweet.fields": "public_metrics"},
        )
        counts = response.json().get("data", {}).get("public_metrics", {})
        shares = None
        if "retweet_count" in counts or "quote_count" in counts:
            shares = int(counts.get("retweet_count", 0)) + int(counts.get("quote_count", 0))
        return Metrics(
            remote_id=remote_id,
            impressions=counts.get("impression_count"),
            likes=counts.get("like_count"),
            shares=shares,
            comments=counts.get("reply_count"),
        )

    def refresh(self, connection: Connection) -> Refreshed:
        credentials = connection.credentials
        refresh_token = credentials.get("refresh_token")
        if not refresh_token:
            raise AuthExpired("No X refresh token (offline.access); reconnect the account")
        auth = None
        if credentials.get("client_secret"):
            auth = httpx.BasicAuth(
                str(credentials.get("client_id", "")), str(credentials["client_secret"])
            )
        try:
            response = self._call(
                connection,
                "POST",
                self._url(connection, "/2/oauth2/token"),
                what="refresh token",
                data={
                    "grant_type": "refresh_token",
                    "refresh_token": refresh_token,
                    "client_id": credentials.get("client_id", ""),
                },
                auth=auth,
            )
        except Permanent as error:  # invalid_grant and friends: the refresh token is gone
            raise AuthExpired(f"X refused the refresh token; reconnect ({error.detail})") from None
        body = response.json()
        expires_at = now() + datetime.timedelta(seconds=int(body.get("expires_in", 7200)))
        fresh = {
            **credentials,
            "access_token": body["access_token"],
            # X rotates refresh tokens: the old one stops working once this one is issued.
            "refresh_token": body.get("refresh_token", refresh_token),
            "expires_at": expires_at.isoformat(),
        }
        return Refreshed(credentials=fresh, expires_at=expires_at)

    def health(self, connection: Connection) -> Health:
        expires_at = parse_time(connection.credentials.get("expires_at"))
        try:
            response = self._call(
                connection,
                "GET",
                self._url(connection, "/2/users/me"),
                what="check account",
                headers=self._auth(connection),
            )
        except AdapterError as error:
            return Health(ok=False, detail=error.detail, expires_at=expires_at)
        user = response.json().get("data", {})
        if str(user.get("id")) != connection.external_id:
            return Health(
                ok=False, detail="The token belongs to a different X account", expires_at=expires_at
            )
        return Health(ok=True, detail=f"@{user.get('username', '')}", expires_at=expires_at)
