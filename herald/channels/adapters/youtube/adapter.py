"""YouTube adapter (YouTube Data API v3 over httpx; no Google client library).

Connection: ``external_id`` is the channel id (``UC…``); ``base_url`` is
``https://www.googleapis.com``; ``credentials`` hold ``access_token`` (1 hour),
``refresh_token``, ``client_id`` and ``client_secret`` (Google OAuth web-server flow, scopes
``youtube.upload`` and ``youtube.force-ssl``).

Publishing a video uses the resumable upload protocol: ``POST
/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`` with the metadata (title =
the post's video title or its first line; description = the text and link; privacy from
``HERALD_YOUTUBE_PRIVACY``, default ``public``; a ``herald-<idempotency key>`` tag) returns a
session URI in ``Location``; the bytes are ``PUT`` there. If the answer to the ``PUT`` is lost
(a timeout, a dropped connection or a 5xx), the adapter asks the session how far it got
(``PUT`` with ``Content-Range: bytes */<size>``): a finished session returns the video, a partial
one (308 + ``Range``) is resumed from the next byte, and only when the session cannot answer
either is the outcome unknown. The captions file is then uploaded with ``captions.insert``
(multipart/related); the first comment is ``commentThreads.insert``. A failed caption or
comment upload is logged and never makes the video count as unpublished.

Reconciliation reads the channel's uploads playlist and ``videos.list?part=snippet``, matching
the ``herald-<key>`` tag, or else the exact title and description. YouTube has no rate-limit
headers: quota is 10,000 units a day, reset at midnight Pacific time; ``quotaExceeded`` waits
until then. ``last_rate_limit().extra["quota_units"]`` counts the units this adapter spent.
"""

from __future__ import annotations

import datetime
import json
import logging
import secrets
import zoneinfo
from typing import Any

import httpx

from herald.channels.adapters._support import (
    RECONCILE_WINDOW,
    HttpAdapter,
    composed_text,
    json_of,
    normalise,
    now,
    parse_time,
    read_file,
    retry_after,
    scrub,
    seconds_to_midnight,
    send,
    setting,
)
from herald.channels.adapters.base import (
    AdapterError,
    AuthExpired,
    Connection,
    Health,
    Metrics,
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

DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL
PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
QUOTA_REASONS = frozenset({"quotaExceeded", "uploadLimitExceeded", "dailyLimitExceeded"})
THROTTLE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
# Units per call (developers.google.com/youtube/v3/determine_quota_cost).
COST = {"insert": 1600, "captions": 400, "write": 50, "read": 1}
MAX_RESUMES = 3


def marker(post: OutgoingPost) -> str:
    return f"herald-{post.idempotency_key}"[:100]


class YouTubeAdapter(HttpAdapter):
    network = "youtube"
    limits = limits_for("youtube")

    def __init__(self, client: httpx.Client, *, privacy: str | None = None) -> None:
        super().__init__(client)
        self.privacy = privacy
        self._rate.extra = {"quota_units": 0}

    # --- plumbing -----------------------------------------------------------------------------
    def _url(self, connection: Connection, path: str) -> str:
        return connection.base_url.rstrip("/") + path

    def _auth(self, connection: Connection) -> dict[str, str]:
        return {"Authorization": f"Bearer {connection.credentials.get('access_token', '')}"}

    def _spend(self, units: int) -> None:
        self._rate.extra["quota_units"] = int(self._rate.extra.get("quota_units", 0)) + units

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        status = response.status_code
        body = json_of(response)
        error = body.get("error") if isinstance(body, dict) else None
        reasons: set[str] = set()
        message = ""
        if isinstance(error, dict):
            message = str(error.get("message", ""))
            reasons = {str(e.get("reason")) for e in error.get("errors", []) if isinstance(e, dict)}
        elif isinstance(error, str):  # the OAuth token endpoint's shape
            message = (
                f"{error}: {body.get('error_description', '')}" if isinstance(body, dict) else error
            )
        message = scrub(message, connection)
        detail = f"{what}: YouTube answered {status}" + (f" ({message})" if message else "")
        if status == 401 or "authError" in reasons:
            return AuthExpired(
                f"{what}: the Google access token is expired or revoked", http_status=status
            )
        if reasons & QUOTA_REASONS:
            wait = seconds_to_midnight(PACIFIC)
            self._rate.remaining = 0
            self._rate.reset_at = now() + datetime.timedelta(seconds=wait)
            return RateLimited(
                f"{detail}; the daily quota resets at midnight Pacific time",
                retry_after=wait,
                http_status=status,
            )
        if status == 429 or reasons & THROTTLE_REASONS:
            return RateLimited(
                detail, retry_after=retry_after(response.headers), http_status=status
            )
        if status == 504 and write:
            return UnknownOutcome(detail, http_status=status)
        if status >= 500:
            return Transient(detail, http_status=status)
        return Permanent(detail, http_status=status)

    # --- publishing ---------------------------------------------------------------------------
    def _metadata(self, post: OutgoingPost) -> dict[str, Any]:
        first_line = (post.text.strip().splitlines() or ["Video"])[0]
        title = (post.video_title or first_line).replace("<", "").replace(">", "")[:100]
        return {
            "snippet": {
                "title": title,
                "description": composed_text(post).replace("<", "").replace(">", "")[:5000],
                "tags": [marker(post)],
                "categoryId": setting("HERALD_YOUTUBE_CATEGORY_ID", "25"),
            },
            "status": {
                "privacyStatus": self.privacy or setting("HERALD_YOUTUBE_PRIVACY", "public"),
                "selfDeclaredMadeForKids": False,
            },
        }

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        videos = [m for m in post.media if m.kind == "video"]
        if not videos:
            raise Permanent("A YouTube post needs a video")
        video = videos[0]
        content = read_file(video.path)
        # Read before anything is sent, so a missing captions file fails early (Permanent).
        tracks = [m for m in post.media if m.kind == "captions"]
        captions_path = video.captions_path or (tracks[0].path if tracks else "")
        captions = read_file(captions_path) if captions_path else None
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/upload/youtube/v3/videos"),
            what="start upload",
            headers={
                **self._auth(connection),
                "X-Upload-Content-Type": video.content_type,
                "X-Upload-Content-Length": str(len(content)),
            },
            params={"uploadType": "resumable", "part": "snippet,status"},
            json=self._metadata(post),
        )
        session = response.headers.get("location", "")
        if not session:
            raise Transient("YouTube did not return an upload session")
        resource = self._upload(connection, session, content, video.content_type)
        self._spend(COST["insert"])
        video_id = str(resource["id"])
        logger.info("Published YouTube video %s", video_id)
        published = Published(
            remote_id=video_id,
            url=f"https://www.youtube.com/watch?v={video_id}",
            published_at=parse_time(resource.get("snippet", {}).get("publishedAt")) or now(),
        )
        if captions is not None:
            self._captions(connection, video_id, captions)
        if post.first_comment:
            published = self._first_comment(connection, published, post.first_comment)
        return published

    def _upload(
        self, connection: Connection, session: str, content: bytes, content_type: str
    ) -> dict[str, Any]:
        """PUT the bytes to the session, resuming from what the session says it has."""
        start = 0
        for _ in range(MAX_RESUMES + 1):
            headers = {**self._auth(connection), "Content-Type": content_type}
            if start:
                headers["Content-Range"] = f"bytes {start}-{len(content) - 1}/{len(content)}"
            self._write_sent = True
            try:
                response = send(
                    self.client,
                    "PUT",
                    session,
                    connection=connection,
                    write=True,
                    what="upload video",
                    headers=headers,
                    content=content[start:],
                )
            except UnknownOutcome:
                response = None
            if response is not None and response.status_code in {200, 201}:
                return dict(response.json())
            if response is not None and response.status_code == 308:  # stored part of it
                start = self._next_byte(response)
                continue
            if response is not None and response.status_code < 500:
                raise self._classify(
                    response, connection=connection, what="upload video", write=True
                )
            position = self._session_position(connection, session, len(content))
            if isinstance(position, dict):
                return position
            start = position
        raise UnknownOutcome(
            "The YouTube upload did not finish after resuming; reconcile before retrying"
        )

    @staticmethod
    def _next_byte(response: httpx.Response) -> int:
        received = response.headers.get("range", "")  # "bytes=0-524287"
        return int(received.rsplit("-", 1)[-1]) + 1 if received else 0

    def _session_position(
        self, connection: Connection, session: str, total: int
    ) -> dict[str, Any] | int:
        """The finished video, or the next byte to send."""
        try:
            response = send(
                self.client,
                "PUT",
                session,
                connection=connection,
                write=True,
                what="check upload",
                headers={**self._auth(connection), "Content-Range": f"bytes */{total}"},
            )
        except Transient:  # bytes already went out: the video may exist
            raise UnknownOutcome(
                "YouTube could not be asked whether the upload finished; reconcile"
            ) from None
        if response.status_code in {200, 201}:
            return dict(response.json())
        if response.status_code == 308:
            return self._next_byte(response)
        if response.status_code == 404:
            raise Transient("The YouTube upload session expired before anything was stored")
        raise UnknownOutcome(
            f"YouTube could not say whether the upload finished ({response.status_code}); reconcile"
        )

    def _captions(self, connection: Connection, video_id: str, captions: bytes) -> None:
        boundary = f"herald{secrets.token_hex(8)}"
        metadata = {
            "snippet": {
                "videoId": video_id,
                "language": setting("HERALD_YOUTUBE_CAPTIONS_LANGUAGE", "en-GB"),
                "name": "",
                "isDraft": False,
            }
        }
        body = b"".join(
            [
                f"--{boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".encode(),
                json.dumps(metadata).encode(),
                f"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n\r\n".encode(),
                captions,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        try:
            self._call(
                connection,
                "POST",
                self._url(connection, "/upload/youtube/v3/captions"),
                what="upload captions",
                headers={
                    **self._auth(connection),
                    "Content-Type": f"multipart/related; boundary={boundary}",
                },
                params={"uploadType": "multipart", "part": "snippet"},
                content=body,
            )
            self._spend(COST["captions"])
        except AdapterError as error:
            logger.warning("YouTube captions for %s failed: %s", video_id, error.detail)

    def _first_comment(self, connection: Connection, published: Published, text: str) -> Published:
        try:
            response = self._call(
                connection,
                "POST",
                self._url(connection, "/youtube/v3/commentThreads"),
                what="first comment",
                write=True,
                headers=self._auth(connection),
                params={"part": "snippet"},
                json={
                    "snippet": {
                        "channelId": connection.external_id,
                        "videoId": published.remote_id,
                        "topLevelComment": {"snippet": {"textOriginal": text}},
                    }
                },
            )
            self._spend(COST["write"])
        except AdapterError as error:
            logger.warning(
                "YouTube first comment on %s failed: %s", published.remote_id, error.detail
            )
            return published
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            published_at=published.published_at,
            first_comment_remote_id=str(response.json().get("id", "")),
        )

    # --- reading back -------------------------------------------------------------------------
    def delete(self, connection: Connection, remote_id: str) -> None:
        self._call(
            connection,
            "DELETE",
            self._url(connection, "/youtube/v3/videos"),
            what="delete video",
            headers=self._auth(connection),
            params={"id": remote_id},
            ok_statuses=(404,),
        )
        self._spend(COST["write"])

    def _get(
        self, connection: Connection, path: str, what: str, **params: str | int
    ) -> dict[str, Any]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, path),
            what=what,
            headers=self._auth(connection),
            params=params,
        )
        self._spend(COST["read"])
        return dict(response.json())

    def _uploads_playlist(self, connection: Connection) -> str:
        body = self._get(
            connection,
            "/youtube/v3/channels",
            "read channel",
            part="contentDetails",
            id=connection.external_id,
        )
        items = body.get("items", [])
        if not items:
            raise Permanent("The YouTube channel was not found")
        return str(items[0]["contentDetails"]["relatedPlaylists"]["uploads"])

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        body = self._get(
            connection,
            "/youtube/v3/playlistItems",
            "read uploads",
            part="snippet,contentDetails",
            playlistId=self._uploads_playlist(connection),
            maxResults=min(max(limit, 1), 50),
        )
        posts = []
        for item in body.get("items", [])[:limit]:
            video_id = str(item["contentDetails"]["videoId"])
            snippet = item.get("snippet", {})
            posts.append(
                RemotePost(
                    remote_id=video_id,
                    url=f"https://www.youtube.com/watch?v={video_id}",
                    text=str(snippet.get("description", "")),
                    created_at=parse_time(
                        item["contentDetails"].get("videoPublishedAt") or snippet.get("publishedAt")
                    ),
                )
            )
        return posts

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        recent = self.recent_posts(connection, limit=20)
        if not recent:
            return None
        body = self._get(
            connection,
            "/youtube/v3/videos",
            "read video details",
            part="snippet",
            id=",".join(p.remote_id for p in recent),
        )
        wanted = self._metadata(post)["snippet"]
        cutoff = now() - RECONCILE_WINDOW
        for item in body.get("items", []):
            snippet = item.get("snippet", {})
            published_at = parse_time(snippet.get("publishedAt"))
            if marker(post) in snippet.get("tags", []) or (
                (published_at is None or published_at >= cutoff)
                and normalise(str(snippet.get("title", ""))) == normalise(wanted["title"])
                and normalise(str(snippet.get("description", "")))
                == normalise(wanted["description"])
            ):
                video_id = str(item["id"])
                return Published(
                    remote_id=video_id,
                    url=f"https://www.youtube.com/watch?v={video_id}",
                    published_at=published_at,
                )
        return None

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        body = self._get(
            connection, "/youtube/v3/videos", "read metrics", part="statistics", id=remote_id
        )
        items = body.get("items", [])
        if not items:
            raise Permanent(f"YouTube has no video {remote_id}")
        stats = items[0].get("statistics", {})

        def count(name: str) -> int | None:
            return int(stats[name]) if name in stats else None

        return Metrics(
            remote_id=remote_id,
            views=count("viewCount"),
            likes=count("likeCount"),
            comments=count("commentCount"),
        )

    # --- credentials ----------------------------------------------------------------------------
    def refresh(self, connection: Connection) -> Refreshed:
        credentials = connection.credentials
        if not credentials.get("refresh_token"):
            raise AuthExpired("No Google refresh token; reconnect the channel")
        try:
            body = self._call(
                connection,
                "POST",
                setting("HERALD_GOOGLE_TOKEN_URL", DEFAULT_TOKEN_URL),
                what="refresh token",
                data={
                    "grant_type": "refresh_token",
                    "refresh_token": credentials["refresh_token"],
                    "client_id": credentials.get("client_id", ""),
                    "client_secret": credentials.get("client_secret", ""),
                },
            ).json()
        except Permanent as error:  # invalid_grant: revoked, or 7 days in a "Testing" app
            raise AuthExpired(
                f"Google refused the refresh token; reconnect ({error.detail})"
            ) from None
        expires_at = now() + datetime.timedelta(seconds=int(body.get("expires_in", 3599)))
        fresh = {
            **credentials,
            "access_token": body["access_token"],
            "refresh_token": body.get("refresh_token", credentials["refresh_token"]),
            "expires_at": expires_at.isoformat(),
        }
        return Refreshed(credentials=fresh, expires_at=expires_at)

    def health(self, connection: Connection) -> Health:
        expires_at = parse_time(connection.credentials.get("expires_at"))
        try:
            body = self._get(
                connection, "/youtube/v3/channels", "check channel", part="snippet", mine="true"
            )
        except AdapterError as error:
            return Health(ok=False, detail=error.detail, expires_at=expires_at)
        items = body.get("items", [])
        if not items or str(items[0].get("id")) != connection.external_id:
            return Health(
                ok=False,
                detail="The token belongs to a different YouTube channel",
                expires_at=expires_at,
            )
        return Health(
            ok=True, detail=str(items[0].get("snippet", {}).get("title", "")), expires_at=expires_at
        )
