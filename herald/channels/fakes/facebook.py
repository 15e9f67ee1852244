"""A stateful fake of the Graph API endpoints a Facebook Page adapter uses (MockTransport handler).

Models: Page tokens that do not expire and long-lived user tokens that do (60 days), the
``fb_exchange_token`` exchange, ``X-Business-Use-Case-Usage`` headers and Graph's throttling code
32 when the Page's bucket is empty, code 190 for expired tokens, code 506 for a consecutive
duplicate, unpublished photos attached to a feed post, comments, and ids in Graph's shapes
(``{page-id}_{post-id}``). Every path carries a version prefix (``/v26.0/…``), recorded in
``versions``.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response

USER_TOKEN_LIFETIME = datetime.timedelta(days=60)
GRAPH_PATH = re.compile(r"/(v\d+\.\d+)/(.*)")


@dataclass
class FakePhoto:
    id: str
    alt_text_custom: str
    caption: str
    published: bool
    size: int


@dataclass
class FakePagePost:
    id: str
    message: str
    created_time: datetime.datetime
    link: str = ""
    photo_ids: list[str] = field(default_factory=list)
    video_id: str = ""
    comments: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


def graph_error(
    status: int, code: int, message: str, *, subcode: int | None = None, **extra: Any
) -> httpx.Response:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    error |= extra
    error["fbtrace_id"] = "AbCdEfGhIjK"
    return json_response(status, {"error": error})


class FakeFacebook(FakeNetwork):
    def __init__(self, *, page_id: str = "104729853012345", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page_id = page_id
        self.app_id = "123456789012345"
        self.app_secret = secrets.token_urlsafe(16)
        self.page_tokens: set[str] = set()
        self.posts: dict[str, FakePagePost] = {}
        self.photos: dict[str, FakePhoto] = {}
        self.versions: set[str] = set()
        self._ids = itertools.count(122100000000000001)
        self.bucket_limits = {"page": (4800, 86400)}

    def credentials(self, *, with_user_token: bool = False) -> dict[str, str]:
        token = self.issue_token()
        self.page_tokens.add(token)
        credentials = {"page_access_token": token}
        if with_user_token:
            credentials |= {
                "user_access_token": self.issue_token(lifetime=USER_TOKEN_LIFETIME),
                "app_id": self.app_id,
                "app_secret": self.app_secret,
            }
        return credentials

    def next_id(self) -> str:
        return str(next(self._ids))

    @property
    def live_posts(self) -> list[FakePagePost]:
        return [post for post in self.posts.values() if not post.deleted]

    # --- error shapes -------------------------------------------------------------------------
    def server_error(self, request: httpx.Request) -> httpx.Response:
        return graph_error(
            500,
            2,
            "An unexpected error has occurred. Please retry your request later.",
            is_transient=True,
        )

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        response = graph_error(400, 32, "(#32) Page request limit reached")
        response.headers["x-business-use-case-usage"] = self._usage(
            100, regain_minutes=max(1, -(-retry_after // 60))
        )
        return response

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return graph_error(
            400,
            190,
            "Error validating access token: Session has expired on Monday, 07-Dec-26 04:00:00 PST.",
            subcode=463,
        )

    def _usage(self, percent: int, *, regain_minutes: int = 0) -> str:
        entry = {
            "type": "pages",
            "call_count": percent,
            "total_cputime": max(percent // 4, 1),
            "total_time": max(percent // 3, 1),
            "estimated_time_to_regain_access": regain_minutes,
        }
        return json.dumps({self.page_id: [entry]})

    # --- routes -------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:  # noqa: PLR0911
        match = GRAPH_PATH.fullmatch(request.url.path)
        if match is None:
            return graph_error(400, 2500, "Unknown path components")
        self.versions.add(match[1])
        path = match[2]
        if path == "oauth/access_token":
            return self._exchange(request)
        token = self.bearer(request)
        if not self.token_ok(token):
            if token in self.tokens:
                return self.auth_error(request)
            return graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        if path == self.page_id and request.method == "GET":
            return self._page(request, token)
        if token not in self.page_tokens:
            return graph_error(403, 200, "(#200) Requires a Page access token")
        bucket = self.consume("page")
        if bucket is None:
            return self.rate_limited(request, 3600)
        response = self._route(request, path)
        used = round(100 * (bucket.limit - bucket.remaining) / bucket.limit)
        response.headers["x-business-use-case-usage"] = self._usage(used)
        return response

    def _fields(self, request: httpx.Request) -> dict[str, Any]:
        if "json" in request.headers.get("content-type", ""):
            return dict(self.body_json(request))
        fields: dict[str, Any] = dict(self.form(request))
        for name, value in self.multipart_fields(request).items():
            fields[name] = value if name == "source" else value.decode()
        return fields

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:  # noqa: PLR0911
        method = request.method
        if method == "POST" and path == f"{self.page_id}/feed":
            return self._feed(self._fields(request))
        if method == "POST" and path == f"{self.page_id}/photos":
            return self._photo(self._fields(request))
        if method == "POST" and path == f"{self.page_id}/videos":
            fields = self._fields(request)
            video_id = self.next_id()
            video_post = FakePagePost(
                f"{self.page_id}_{video_id}",
                str(fields.get("description", "")),
                self.clock(),
                video_id=video_id,
            )
            self.posts[video_post.id] = video_post
            return json_response(200, {"id": video_id})
        if method == "GET" and path == f"{self.page_id}/published_posts":
            return self._published(request)
        post_match = re.fullmatch(rf"({self.page_id}_\d+)(/comments|/insights)?", path)
        if post_match is None:
            return graph_error(400, 100, f"Unsupported {method} request.", subcode=33)
        post = self.posts.get(post_match[1])
        if post is None or post.deleted:
            return graph_error(
                400,
                100,
                f"Unsupported {method.lower()} request. Object with ID '{post_match[1]}' does not exist.",
                subcode=33,
            )
        return self._post_route(request, post, post_match[2] or "")

    def _post_route(self, request: httpx.Request, post: FakePagePost, edge: str) -> httpx.Response:
        if request.method == "DELETE" and not edge:
            post.deleted = True
            return json_response(200, {"success": True})
        if request.method == "POST" and edge == "/comments":
            message = str(self._fields(request).get("message", ""))
            comment_id = f"{post.id.split('_')[1]}_{self.next_id()}"
            post.comments[comment_id] = message
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
                            "title": title,
                            "id": f"{post.id}/insights/{name}/lifetime",
                        }
                        for name, value, title in (
                            ("post_impressions", 640, "Lifetime Post Total Impressions"),
                            ("post_clicks", 31, "Lifetime Post Clicks"),
                        )
                    ],
                    "paging": {"previous": "", "next": ""},
                },
            )
        if request.method == "GET" and not edge:
            return json_response(
                200,
                {
                    "shares": {"count": 3},
                    "comments": {
                        "data": [],
                        "summary": {
                            "order": "ranked",
                            "total_count": len(post.comments),
                            "can_comment": True,
                        },
                    },
                    "reactions": {
                        "data": [],
                        "summary": {"total_count": 12, "viewer_reaction": "NONE"},
                    },
                    "id": post.id,
                },
            )
        return graph_error(400, 100, "Unsupported request.", subcode=33)

    def _store(self, message: str, **kwargs: Any) -> FakePagePost:
        post = FakePagePost(f"{self.page_id}_{self.next_id()}", message, self.clock(), **kwargs)
        self.posts[post.id] = post
        return post

    def _feed(self, fields: dict[str, Any]) -> httpx.Response:
        message = str(fields.get("message", ""))
        link = str(fields.get("link", ""))
        attached = fields.get("attached_media") or []
        if isinstance(attached, str):
            attached = json.loads(attached)
        if not message and not link and not attached:
            return graph_error(400, 100, "(#100) The parameter message is required")
        photo_ids = [str(item["media_fbid"]) for item in attached]
        for photo_id in photo_ids:
            photo = self.photos.get(photo_id)
            if photo is None or photo.published:
                return graph_error(400, 100, f"(#100) Invalid media_fbid {photo_id}")
        live = self.live_posts
        if live and live[-1].message == message and live[-1].link == link and not photo_ids:
            return graph_error(400, 506, "Duplicate status message", subcode=1455006)
        for photo_id in photo_ids:
            self.photos[photo_id].published = True
        post = self._store(message, link=link, photo_ids=photo_ids)
        return json_response(200, {"id": post.id})

    def _photo(self, fields: dict[str, Any]) -> httpx.Response:
        source = fields.get("source")
        if not isinstance(source, bytes) and not fields.get("url"):
            return graph_error(400, 324, "(#324) Requires upload file")
        published = str(fields.get("published", "true")).lower() != "false"
        photo = FakePhoto(
            self.next_id(),
            str(fields.get("alt_text_custom", "")),
            str(fields.get("caption", "")),
            published,
            len(source) if isinstance(source, bytes) else 0,
        )
        self.photos[photo.id] = photo
        if not published:
            return json_response(200, {"id": photo.id})
        post = self._store(photo.caption, photo_ids=[photo.id])
        return json_response(200, {"id": photo.id, "post_id": post.id})

    def _published(self, request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", "25"))
        newest = sorted(self.live_posts, key=lambda p: p.created_time, reverse=True)[:limit]
        data = []
        for post in newest:
            item: dict[str, Any] = {
                "id": post.id,
                "created_time": post.created_time.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{post.id.split('_')[1]}",
            }
            if post.message:
                item["message"] = post.message
            data.append(item)
        return json_response(
            200,
            {"data": data, "paging": {"cursors": {"before": "QVFIUmx1", "after": "QVFIUkZA"}}},
        )

    def _page(self, request: httpx.Request, token: str) -> httpx.Response:
        fields = request.url.params.get("fields", "id,name").split(",")
        body: dict[str, Any] = {"id": self.page_id}
        if "name" in fields:
            body["name"] = "Aldermoor Council"
        if "access_token" in fields:
            page_token = self.issue_token()
            self.page_tokens.add(page_token)
            body["access_token"] = page_token
        elif token not in self.page_tokens and "name" not in fields:
            return graph_error(403, 200, "(#200) Requires a Page access token")
        return json_response(200, body)

    def _exchange(self, request: httpx.Request) -> httpx.Response:
        fields = self._fields(request)
        if fields.get("client_id") != self.app_id or fields.get("client_secret") != self.app_secret:
            return graph_error(400, 101, "Error validating application. Invalid application ID.")
        if fields.get("grant_type") != "fb_exchange_token" or not self.token_ok(
            str(fields.get("fb_exchange_token", ""))
        ):
            return graph_error(400, 190, "Error validating access token", subcode=463)
        return json_response(
            200,
            {
                "access_token": self.issue_token(lifetime=USER_TOKEN_LIFETIME),
                "token_type": "bearer",
                "expires_in": int(USER_TOKEN_LIFETIME.total_seconds()),
            },
        )
