"""A stateful fake of the YouTube Data API v3 endpoints the adapter uses (MockTransport handler).

Models: resumable upload sessions (``POST`` → ``Location``; ``PUT`` bytes; ``PUT`` with
``Content-Range: bytes */N`` answers 200 with the video when finished or 308 with ``Range``
when partial; ``partial_uploads`` makes the next uploads stop half way), 11-character video ids,
captions (multipart/related), comment threads, the uploads playlist, statistics, deletes, 1-hour
access tokens and Google's token endpoint (``invalid_grant``), the daily quota in units
(``quotaExceeded``), and Google's error shape.
"""

from __future__ import annotations

import datetime
import json
import secrets
import string
from dataclasses import dataclass, field
from typing import Any

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response

TOKEN_LIFETIME = datetime.timedelta(hours=1)
ID_ALPHABET = string.ascii_letters + string.digits + "-_"
UNITS = {"insert": 1600, "captions": 400, "write": 50, "read": 1}


def google_error(
    status: int, reason: str, message: str, *, domain: str = "youtube", state: str = ""
) -> httpx.Response:
    return json_response(
        status,
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
                "status": state
                or {401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}.get(
                    status, "INVALID_ARGUMENT"
                ),
            }
        },
    )


@dataclass
class FakeSession:
    id: str
    metadata: dict[str, Any]
    content_type: str
    total: int
    received: bytes = b""
    video_id: str = ""


@dataclass
class FakeVideo:
    id: str
    title: str
    description: str
    tags: list[str]
    privacy: str
    published_at: datetime.datetime
    size: int
    captions: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


class FakeYouTube(FakeNetwork):
    def __init__(
        self,
        *,
        channel_id: str = "UCx9Ald3rm00rC0unc1lTube",
        daily_units: int = 10000,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.channel_id = channel_id
        self.client_id = "fake-client.apps.googleusercontent.com"
        self.client_secret = secrets.token_urlsafe(12)
        self.sessions: dict[str, FakeSession] = {}
        self.videos: dict[str, FakeVideo] = {}
        self.daily_units = daily_units
        self.units_used = 0
        self.partial_uploads = 0

    def credentials(self) -> dict[str, str]:
        return {
            "access_token": self.issue_token(lifetime=TOKEN_LIFETIME, prefix="ya29."),
            "refresh_token": self.issue_refresh_token(),
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }

    @property
    def live_videos(self) -> list[FakeVideo]:
        return [video for video in self.videos.values() if not video.deleted]

    @property
    def uploads_playlist(self) -> str:
        return "UU" + self.channel_id[2:]

    # --- error shapes -------------------------------------------------------------------------
    def server_error(self, request: httpx.Request) -> httpx.Response:
        return google_error(
            503,
            "backendError",
            "The service is currently unavailable.",
            domain="global",
            state="UNAVAILABLE",
        )

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        response = google_error(
            403,
            "rateLimitExceeded",
            "The request cannot be completed because you have exceeded your rate limit.",
            domain="youtube.quota",
        )
        response.headers["retry-after"] = str(retry_after)
        return response

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return google_error(
            401,
            "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
            domain="global",
        )

    def _charge(self, units: int) -> httpx.Response | None:
        if self.units_used + units > self.daily_units:
            return google_error(
                403,
                "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.",
                domain="youtube.quota",
            )
        self.units_used += units
        return None

    # --- routes -------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:  # noqa: PLR0911
        path = request.url.path
        method = request.method
        if path == "/token":
            return self._token(request)
        if not self.authorised(request):
            return self.auth_error(request)
        if path == "/upload/youtube/v3/videos":
            if method == "POST":
                return self._start_session(request)
            if method == "PUT":
                return self._session_put(request)
        if path == "/upload/youtube/v3/captions" and method == "POST":
            return self._captions(request)
        if path == "/youtube/v3/commentThreads" and method == "POST":
            return self._comment(request)
        if path == "/youtube/v3/channels" and method == "GET":
            return self._channels(request)
        if path == "/youtube/v3/playlistItems" and method == "GET":
            return self._playlist(request)
        if path == "/youtube/v3/videos":
            return self._videos(request)
        return google_error(404, "notFound", f"No route {method} {path}")

    def _start_session(self, request: httpx.Request) -> httpx.Response:
        if request.url.params.get("uploadType") != "resumable":
            return google_error(400, "invalidUploadType", "Only resumable uploads here")
        refused = self._charge(UNITS["insert"])
        if refused is not None:
            return refused
        metadata = self.body_json(request)
        if not metadata.get("snippet", {}).get("title"):
            return google_error(
                400,
                "invalidTitle",
                "The request metadata specifies an invalid or empty video title.",
            )
        session = FakeSession(
            "xa298sd_" + secrets.token_urlsafe(12),
            metadata,
            request.headers.get("x-upload-content-type", "video/*"),
            int(request.headers.get("x-upload-content-length", "0")),
        )
        self.sessions[session.id] = session
        location = f"https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&upload_id={session.id}"
        return httpx.Response(200, headers={"location": location})

    def _session_put(self, request: httpx.Request) -> httpx.Response:
        session = self.sessions.get(request.url.params.get("upload_id", ""))
        if session is None:
            return google_error(404, "notFound", "Upload session not found")
        content_range = request.headers.get("content-range", "")
        if content_range.startswith("bytes */"):
            return self._session_state(session)
        start = 0
        if content_range.startswith("bytes ") and "-" in content_range:
            start = int(content_range[6:].split("-", 1)[0])
        if start != len(session.received):
            return self._session_state(session)
        chunk = request.content
        if self.partial_uploads > 0:
            self.partial_uploads -= 1
            chunk = chunk[: max(len(chunk) // 2, 1)]
        session.received += chunk
        return self._session_state(session)

    def _session_state(self, session: FakeSession) -> httpx.Response:
        if len(session.received) < session.total:
            headers = {"range": f"bytes=0-{len(session.received) - 1}"} if session.received else {}
            return httpx.Response(308, headers=headers)
        if not session.video_id:
            snippet = session.metadata.get("snippet", {})
            video = FakeVideo(
                "".join(secrets.choice(ID_ALPHABET) for _ in range(11)),
                str(snippet.get("title", "")),
                str(snippet.get("description", "")),
                list(snippet.get("tags", [])),
                str(session.metadata.get("status", {}).get("privacyStatus", "private")),
                self.clock(),
                len(session.received),
            )
            self.videos[video.id] = video
            session.video_id = video.id
        return json_response(200, self._resource(self.videos[session.video_id], "snippet,status"))

    def _resource(self, video: FakeVideo, parts: str) -> dict[str, Any]:
        resource: dict[str, Any] = {"kind": "youtube#video", "etag": "Xy1-etag", "id": video.id}
        if "snippet" in parts:
            resource["snippet"] = {
                "publishedAt": video.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "channelId": self.channel_id,
                "title": video.title,
                "description": video.description,
                "tags": video.tags,
                "categoryId": "25",
                "liveBroadcastContent": "none",
                "localized": {"title": video.title, "description": video.description},
            }
        if "status" in parts:
            resource["status"] = {
                "uploadStatus": "uploaded",
                "privacyStatus": video.privacy,
                "license": "youtube",
                "embeddable": True,
                "publicStatsViewable": True,
                "selfDeclaredMadeForKids": False,
            }
        if "statistics" in parts:
            resource["statistics"] = {
                "viewCount": "318",
                "likeCount": "12",
                "favoriteCount": "0",
                "commentCount": str(len(video.comments)),
            }
        return resource

    def _captions(self, request: httpx.Request) -> httpx.Response:
        refused = self._charge(UNITS["captions"])
        if refused is not None:
            return refused
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith("multipart/related") or "boundary=" not in content_type:
            return google_error(400, "mediaBodyRequired", "A multipart/related body is required")
        boundary = content_type.split("boundary=", 1)[1].encode()
        parts = [p for p in request.content.split(b"--" + boundary) if b"\r\n\r\n" in p]
        metadata = json.loads(parts[0].split(b"\r\n\r\n", 1)[1].strip())
        caption_bytes = parts[1].split(b"\r\n\r\n", 1)[1].removesuffix(b"\r\n")
        video = self.videos.get(metadata["snippet"]["videoId"])
        if video is None or video.deleted:
            return google_error(404, "videoNotFound", "The video could not be found.")
        caption = {
            "kind": "youtube#caption",
            "etag": "Cap-etag",
            "id": "AUieDa" + secrets.token_urlsafe(20),
            "snippet": {
                "videoId": video.id,
                "lastUpdated": self.clock().strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "trackKind": "standard",
                "language": metadata["snippet"].get("language", "en"),
                "name": metadata["snippet"].get("name", ""),
                "audioTrackType": "unknown",
                "isCC": False,
                "isDraft": bool(metadata["snippet"].get("isDraft", False)),
                "status": "serving",
            },
            "content": caption_bytes.decode(errors="replace"),
        }
        video.captions.append(caption)
        return json_response(200, {k: v for k, v in caption.items() if k != "content"})

    def _comment(self, request: httpx.Request) -> httpx.Response:
        refused = self._charge(UNITS["write"])
        if refused is not None:
            return refused
        snippet = self.body_json(request).get("snippet", {})
        video = self.videos.get(snippet.get("videoId", ""))
        if video is None or video.deleted:
            return google_error(404, "videoNotFound", "The video could not be found.")
        text = snippet["topLevelComment"]["snippet"]["textOriginal"]
        thread_id = "Ugz" + secrets.token_urlsafe(15)
        video.comments[thread_id] = text
        return json_response(
            200,
            {
                "kind": "youtube#commentThread",
                "etag": "Ct-etag",
                "id": thread_id,
                "snippet": {
                    "channelId": self.channel_id,
                    "videoId": video.id,
                    "topLevelComment": {
                        "kind": "youtube#comment",
                        "id": thread_id,
                        "snippet": {"textOriginal": text, "textDisplay": text, "videoId": video.id},
                    },
                    "canReply": True,
                    "totalReplyCount": 0,
                    "isPublic": True,
                },
            },
        )

    def _page(self, items: list[dict[str, Any]], kind: str) -> httpx.Response:
        return json_response(
            200,
            {
                "kind": f"youtube#{kind}ListResponse",
                "etag": "List-etag",
                "pageInfo": {"totalResults": len(items), "resultsPerPage": max(len(items), 5)},
                "items": items,
            },
        )

    def _channels(self, request: httpx.Request) -> httpx.Response:
        refused = self._charge(UNITS["read"])
        if refused is not None:
            return refused
        params = request.url.params
        if params.get("mine") != "true" and params.get("id") != self.channel_id:
            return self._page([], "channel")
        item: dict[str, Any] = {"kind": "youtube#channel", "etag": "Ch-etag", "id": self.channel_id}
        if "snippet" in params.get("part", ""):
            item["snippet"] = {
                "title": "Aldermoor Council",
                "description": "",
                "customUrl": "@aldermoorcouncil",
            }
        if "contentDetails" in params.get("part", ""):
            item["contentDetails"] = {
                "relatedPlaylists": {"likes": "", "uploads": self.uploads_playlist}
            }
        return self._page([item], "channel")

    def _playlist(self, request: httpx.Request) -> httpx.Response:
        refused = self._charge(UNITS["read"])
        if refused is not None:
            return refused
        if request.url.params.get("playlistId") != self.uploads_playlist:
            return google_error(
                404,
                "playlistNotFound",
                "The playlist identified with the request's playlistId parameter cannot be found.",
            )
        limit = int(request.url.params.get("maxResults", "5"))
        newest = sorted(self.live_videos, key=lambda v: v.published_at, reverse=True)[:limit]
        items = [
            {
                "kind": "youtube#playlistItem",
                "etag": "Pi-etag",
                "id": "UExQ" + video.id,
                "snippet": {
                    "publishedAt": video.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "channelId": self.channel_id,
                    "title": video.title,
                    "description": video.description,
                    "playlistId": self.uploads_playlist,
                    "position": position,
                    "resourceId": {"kind": "youtube#video", "videoId": video.id},
                },
                "contentDetails": {
                    "videoId": video.id,
                    "videoPublishedAt": video.published_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                },
            }
            for position, video in enumerate(newest)
        ]
        return self._page(items, "playlistItem")

    def _videos(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if request.method == "DELETE":
            refused = self._charge(UNITS["write"])
            if refused is not None:
                return refused
            video = self.videos.get(params.get("id", ""))
            if video is None or video.deleted:
                return google_error(
                    404, "videoNotFound", "The video that you are trying to delete cannot be found."
                )
            video.deleted = True
            return httpx.Response(204)
        refused = self._charge(UNITS["read"])
        if refused is not None:
            return refused
        ids = params.get("id", "").split(",")
        items = [
            self._resource(self.videos[i], params.get("part", "snippet"))
            for i in ids
            if i in self.videos and not self.videos[i].deleted
        ]
        return self._page(items, "video")

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = self.form(request)
        token = form.get("refresh_token", "")
        if (
            form.get("client_secret") != self.client_secret
            or form.get("client_id") != self.client_id
        ):
            return json_response(
                401,
                {"error": "invalid_client", "error_description": "The OAuth client was not found."},
            )
        if form.get("grant_type") != "refresh_token" or token not in self.refresh_tokens:
            return json_response(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
        return json_response(
            200,
            {
                "access_token": self.issue_token(lifetime=TOKEN_LIFETIME, prefix="ya29."),
                "expires_in": 3599,
                "scope": "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.force-ssl",
                "token_type": "Bearer",
            },
        )
