"""A stateful fake of the Instagram Graph API publishing endpoints (MockTransport handler).

Models: containers that are ``IN_PROGRESS`` for a few status reads and then ``FINISHED`` (or
``ERROR`` when the image URL is not public, or on demand), carousels with children, the
``media_publish`` step that turns a finished container into media (and the container into
``PUBLISHED``), the 24-hour publishing quota (``content_publishing_limit``, subcode 2207042),
tokens that expire (60 days, ``ig_refresh_token``), code 190 for an expired token, comments,
insights, and numeric ids. Paths carry a version prefix (``/v26.0/…``) except
``/refresh_access_token``.
"""

from __future__ import annotations

import datetime
import itertools
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response
from herald.channels.fakes.facebook import graph_error

TOKEN_LIFETIME = datetime.timedelta(days=60)
GRAPH_PATH = re.compile(r"/(v\d+\.\d+)/(.*)")


@dataclass
class FakeContainer:
    id: str
    media_type: str
    caption: str
    image_url: str = ""
    video_url: str = ""
    alt_text: str = ""
    is_carousel_item: bool = False
    children: list[str] = field(default_factory=list)
    status_code: str = "IN_PROGRESS"
    polls_left: int = 1
    media_id: str = ""


@dataclass
class FakeMedia:
    id: str
    caption: str
    media_type: str
    timestamp: datetime.datetime
    container_id: str
    alt_texts: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


class FakeInstagram(FakeNetwork):
    def __init__(
        self,
        *,
        ig_user_id: str = "17841400008460056",
        polls_until_finished: int = 1,
        quota_total: int = 50,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.ig_user_id = ig_user_id
        self.username = "aldermoorcouncil"
        self.polls_until_finished = polls_until_finished
        self.quota_total = quota_total
        self.containers: dict[str, FakeContainer] = {}
        self.media: dict[str, FakeMedia] = {}
        self.versions: set[str] = set()
        self.fail_next_container = False
        self._ids = itertools.count(17895695668004550)

    def credentials(self) -> dict[str, str]:
        return {"access_token": self.issue_token(lifetime=TOKEN_LIFETIME)}

    def next_id(self) -> str:
        return str(next(self._ids))

    @property
    def live_media(self) -> list[FakeMedia]:
        return [media for media in self.media.values() if not media.deleted]

    def published_in_last_day(self) -> int:
        since = self.clock() - datetime.timedelta(hours=24)
        return sum(1 for media in self.media.values() if media.timestamp > since)

    # --- error shapes -------------------------------------------------------------------------
    def server_error(self, request: httpx.Request) -> httpx.Response:
        return graph_error(
            500,
            2,
            "An unexpected error has occurred. Please retry your request later.",
            is_transient=True,
        )

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        response = graph_error(400, 4, "(#4) Application request limit reached", is_transient=True)
        response.headers["x-app-usage"] = '{"call_count":100,"total_cputime":40,"total_time":60}'
        response.headers["retry-after"] = str(retry_after)
        return response

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return graph_error(
            400,
            190,
            "Error validating access token: Session has expired on Monday, 07-Dec-26 04:00:00 PST.",
            subcode=463,
        )

    # --- routes -------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        if not self.authorised(request):
            token = self.bearer(request)
            if token in self.tokens:
                return self.auth_error(request)
            return graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        if request.url.path == "/refresh_access_token":
            return self._refresh(request)
        match = GRAPH_PATH.fullmatch(request.url.path)
        if match is None:
            return graph_error(400, 2500, "Unknown path components")
        self.versions.add(match[1])
        response = self._route(request, match[2])
        response.headers["x-app-usage"] = '{"call_count":12,"total_cputime":3,"total_time":5}'
        return response

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:  # noqa: PLR0911
        method = request.method
        user = self.ig_user_id
        if method == "POST" and path == f"{user}/media":
            return self._create_container(self.body_json(request))
        if method == "POST" and path == f"{user}/media_publish":
            return self._publish(str(self.body_json(request).get("creation_id", "")))
        if method == "GET" and path == f"{user}/content_publishing_limit":
            return json_response(
                200,
                {
                    "data": [
                        {
                            "quota_usage": self.published_in_last_day(),
                            "config": {"quota_total": self.quota_total, "quota_duration": 86400},
                        }
                    ]
                },
            )
        if method == "GET" and path == f"{user}/media":
            return self._list(request)
        if method == "GET" and path == user:
            return json_response(200, {"id": user, "username": self.username})
        if path in self.containers and method == "GET":
            return self._container_status(self.containers[path])
        match = re.fullmatch(r"(\d+)(/comments|/insights)?", path)
        media = self.media.get(match[1]) if match else None
        if match is None or media is None or media.deleted:
            return graph_error(
                400,
                100,
                f"Unsupported {method.lower()} request. Object with ID '{path}' does not exist.",
                subcode=33,
            )
        return self._media_route(request, media, match[2] or "")

    def _create_container(self, body: dict[str, Any]) -> httpx.Response:
        media_type = str(body.get("media_type", "IMAGE"))
        container = FakeContainer(
            self.next_id(),
            media_type,
            str(body.get("caption", "")),
            image_url=str(body.get("image_url", "")),
            video_url=str(body.get("video_url", "")),
            alt_text=str(body.get("alt_text", "")),
            is_carousel_item=bool(body.get("is_carousel_item", False)),
            polls_left=self.polls_until_finished,
        )
        if media_type == "CAROUSEL":
            container.children = [c for c in str(body.get("children", "")).split(",") if c]
            if not 2 <= len(container.children) <= 10 or any(
                c not in self.containers for c in container.children
            ):
                return graph_error(400, 100, "(#100) Invalid children for a carousel container")
        elif not (container.image_url or container.video_url):
            return graph_error(400, 100, "(#100) The parameter image_url is required.")
        url = container.image_url or container.video_url
        if url and not self._public(url):
            container.status_code = "ERROR"
        if self.fail_next_container:
            self.fail_next_container = False
            container.status_code = "ERROR"
        self.containers[container.id] = container
        return json_response(200, {"id": container.id})

    @staticmethod
    def _public(url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme == "https" and parts.hostname not in {None, "localhost", "127.0.0.1"}

    def _container_status(self, container: FakeContainer) -> httpx.Response:
        if container.status_code == "IN_PROGRESS":
            if container.polls_left <= 0:
                container.status_code = "FINISHED"
            container.polls_left -= 1
        body: dict[str, Any] = {"status_code": container.status_code, "id": container.id}
        if container.status_code == "ERROR":
            body["status"] = (
                "Error: Media download has failed. The media URI doesn't meet our requirements. (2207052)"
            )
        elif container.status_code == "FINISHED":
            body["status"] = "Finished: Media has been uploaded and it is ready to be published."
        else:
            body["status"] = "In Progress: Media is still being processed."
        return json_response(200, body)

    def _publish(self, creation_id: str) -> httpx.Response:
        container = self.containers.get(creation_id)
        if container is None or container.is_carousel_item:
            return graph_error(400, 100, "(#100) Param creation_id is not a valid container id")
        if container.status_code == "PUBLISHED":
            return graph_error(400, 9007, "The media has already been published", subcode=2207006)
        children = [self.containers[c] for c in container.children]
        if container.status_code != "FINISHED" or any(
            c.status_code not in {"FINISHED", "IN_PROGRESS"} for c in children
        ):
            return graph_error(
                400, 9007, "Media ID is not available", subcode=2207027, is_transient=False
            )
        if self.published_in_last_day() >= self.quota_total:
            return graph_error(
                400, 9, "Application request limit reached", subcode=2207042, is_transient=False
            )
        alt_texts = [c.alt_text for c in children] if children else [container.alt_text]
        media = FakeMedia(
            self.next_id(),
            container.caption,
            container.media_type,
            self.clock(),
            container.id,
            alt_texts,
        )
        self.media[media.id] = media
        container.status_code = "PUBLISHED"
        container.media_id = media.id
        return json_response(200, {"id": media.id})

    def _permalink(self, media: FakeMedia) -> str:
        return f"https://www.instagram.com/p/C{media.id[-9:]}/"

    def _list(self, request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", "25"))
        newest = sorted(self.live_media, key=lambda m: m.timestamp, reverse=True)[:limit]
        data = []
        for media in newest:
            item: dict[str, Any] = {
                "id": media.id,
                "permalink": self._permalink(media),
                "timestamp": media.timestamp.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                "media_type": "CAROUSEL_ALBUM"
                if media.media_type == "CAROUSEL"
                else media.media_type,
            }
            if media.caption:
                item["caption"] = media.caption
            data.append(item)
        return json_response(
            200, {"data": data, "paging": {"cursors": {"before": "QVFIU1", "after": "QVFIU2"}}}
        )

    def _media_route(self, request: httpx.Request, media: FakeMedia, edge: str) -> httpx.Response:
        if request.method == "DELETE" and not edge:
            media.deleted = True
            return json_response(200, {"success": True})
        if request.method == "POST" and edge == "/comments":
            comment_id = self.next_id()
            media.comments[comment_id] = str(self.body_json(request).get("message", ""))
            return json_response(200, {"id": comment_id})
        if request.method == "GET" and edge == "/insights":
            return json_response(
                200,
                {
                    "data": [
                        {
                            "name": name,
                            "period": "lifetime",
                            "values": [{"value": value}],
                            "title": name.title(),
                            "description": f"The {name} of the media.",
                            "id": f"{media.id}/insights/{name}/lifetime",
                        }
                        for name, value in (("views", 410), ("reach", 350), ("shares", 4))
                    ]
                },
            )
        if request.method == "GET" and not edge:
            fields = request.url.params.get("fields", "id").split(",")
            body: dict[str, Any] = {"id": media.id}
            if "permalink" in fields:
                body["permalink"] = self._permalink(media)
            if "like_count" in fields:
                body["like_count"] = 25
            if "comments_count" in fields:
                body["comments_count"] = len(media.comments)
            return json_response(200, body)
        return graph_error(400, 100, "Unsupported request.", subcode=33)

    def _refresh(self, request: httpx.Request) -> httpx.Response:
        if request.url.params.get("grant_type") != "ig_refresh_token":
            return graph_error(400, 100, "Unsupported grant_type")
        return json_response(
            200,
            {
                "access_token": self.issue_token(lifetime=TOKEN_LIFETIME),
                "token_type": "bearer",
                "expires_in": int(TOKEN_LIFETIME.total_seconds()),
            },
        )
