"""A stateful fake of the LinkedIn REST endpoints an organisation adapter uses (MockTransport).

Models: the required ``LinkedIn-Version`` and ``X-Restli-Protocol-Version`` headers (recorded in
``versions``; a missing version is refused), image and video uploads (initializeUpload, PUT,
finalizeUpload), posts with ``x-restli-id`` URNs (``urn:li:share:…``), a duplicate-commentary
refusal (422), comments, share statistics, 60-day access tokens and refresh tokens, and a daily
per-organisation post limit answered with a header-less 429 as LinkedIn does.
"""

from __future__ import annotations

import datetime
import itertools
import re
import secrets
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response

TOKEN_LIFETIME = datetime.timedelta(days=60)
REFRESH_LIFETIME = datetime.timedelta(days=365)


@dataclass
class FakeAsset:
    urn: str
    kind: str
    uploaded: bool = False
    finalized: bool = False
    size: int = 0


@dataclass
class FakeLinkedInPost:
    urn: str
    author: str
    commentary: str
    content: dict[str, Any]
    created_at: datetime.datetime
    body: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


def li_error(status: int, code: str, message: str, service_code: int = 100) -> httpx.Response:
    return json_response(
        status,
        {"status": status, "serviceErrorCode": service_code, "code": code, "message": message},
    )


class FakeLinkedIn(FakeNetwork):
    def __init__(
        self, *, organization_id: str = "2414183", daily_posts: int = 150, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.organization_id = organization_id
        self.org_urn = f"urn:li:organization:{organization_id}"
        self.client_id = "fake-client"
        self.client_secret = secrets.token_urlsafe(12)
        self.assets: dict[str, FakeAsset] = {}
        self.posts: dict[str, FakeLinkedInPost] = {}
        self.versions: list[str] = []
        self.bucket_limits = {"posts": (daily_posts, 86400)}
        self._ids = itertools.count(7271000000000000001)

    def credentials(self, *, with_refresh: bool = True) -> dict[str, str]:
        credentials = {"access_token": self.issue_token(lifetime=TOKEN_LIFETIME)}
        if with_refresh:
            credentials |= {
                "refresh_token": self.issue_refresh_token(lifetime=REFRESH_LIFETIME),
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        return credentials

    @property
    def live_posts(self) -> list[FakeLinkedInPost]:
        return [post for post in self.posts.values() if not post.deleted]

    # --- error shapes -------------------------------------------------------------------------
    def server_error(self, request: httpx.Request) -> httpx.Response:
        return li_error(503, "SERVICE_UNAVAILABLE", "Service Unavailable", 0)

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        # LinkedIn's 429 has no rate-limit headers and no Retry-After.
        return li_error(
            429,
            "TOO_MANY_REQUESTS",
            "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
            101,
        )

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return li_error(
            401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65601
        )

    # --- routes -------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:  # noqa: PLR0911
        path = request.url.path
        if path == "/oauth/v2/accessToken":
            return self._refresh(request)
        if not self.authorised(request):
            if self.bearer(request) in self.tokens:
                return self.auth_error(request)
            return li_error(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600)
        if path.startswith("/dms-uploads/"):
            return self._put(request, path)
        version = request.headers.get("linkedin-version", "")
        if not re.fullmatch(r"\d{6}(\.\d{2})?", version):
            return li_error(
                400,
                "VERSION_MISSING",
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
            )
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return li_error(400, "ILLEGAL_ARGUMENT", "Rest.li protocol 2.0.0 is required")
        self.versions.append(version)
        return self._route(request, path)

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:  # noqa: PLR0911, PLR0912
        method = request.method
        action = request.url.params.get("action")
        if method == "POST" and path == "/rest/images" and action == "initializeUpload":
            return self._initialize("image", self.body_json(request))
        if method == "POST" and path == "/rest/videos" and action == "initializeUpload":
            return self._initialize("video", self.body_json(request))
        if method == "POST" and path == "/rest/videos" and action == "finalizeUpload":
            urn = self.body_json(request)["finalizeUploadRequest"]["video"]
            asset = self.assets.get(urn)
            if asset is None or not asset.uploaded:
                return li_error(400, "ILLEGAL_ARGUMENT", "Video upload is incomplete")
            asset.finalized = True
            return httpx.Response(200)
        if method == "POST" and path == "/rest/posts":
            return self._create(self.body_json(request))
        if method == "GET" and path == "/rest/posts":
            return self._list(request)
        if method == "GET" and path == "/rest/organizationalEntityShareStatistics":
            return self._stats(request)
        if method == "GET" and path == f"/rest/organizations/{self.organization_id}":
            return json_response(
                200,
                {
                    "id": int(self.organization_id),
                    "localizedName": "Aldermoor Council",
                    "vanityName": "aldermoor-council",
                },
            )
        if match := re.fullmatch(r"/rest/posts/(.+)", path):
            post = self.posts.get(urllib.parse.unquote(match[1]))
            if method == "DELETE":
                if post is None or post.deleted:
                    return li_error(404, "NOT_FOUND", "Not Found")
                post.deleted = True
                return httpx.Response(204)
        if match := re.fullmatch(r"/rest/socialActions/(.+)/comments", path):
            post = self.posts.get(urllib.parse.unquote(match[1]))
            if method == "POST" and post is not None and not post.deleted:
                comment_id = str(next(self._ids))
                post.comments[comment_id] = self.body_json(request)["message"]["text"]
                comment_urn = f"urn:li:comment:({post.urn},{comment_id})"
                return json_response(
                    201,
                    {
                        "id": comment_id,
                        "object": post.urn,
                        "actor": self.org_urn,
                        "message": {"text": post.comments[comment_id]},
                    },
                    {"x-restli-id": comment_urn},
                )
        return li_error(404, "NOT_FOUND", f"No resource found for {method} {path}")

    def _initialize(self, kind: str, body: dict[str, Any]) -> httpx.Response:
        request = body.get("initializeUploadRequest", {})
        if request.get("owner") != self.org_urn:
            return li_error(403, "ACCESS_DENIED", "Not enough permissions to upload for this owner")
        urn = f"urn:li:{kind}:D4E10AQ{secrets.token_urlsafe(9)}"
        asset = FakeAsset(urn, kind)
        self.assets[urn] = asset
        upload = (
            f"https://www.linkedin.com/dms-uploads/sp/{urllib.parse.quote(urn, safe='')}/upload"
        )
        expires = int((self.clock() + datetime.timedelta(days=1)).timestamp() * 1000)
        if kind == "image":
            return json_response(
                200, {"value": {"uploadUrlExpiresAt": expires, "uploadUrl": upload, "image": urn}}
            )
        size = int(request.get("fileSizeBytes", 0))
        return json_response(
            200,
            {
                "value": {
                    "uploadUrlsExpireAt": expires,
                    "video": urn,
                    "uploadInstructions": [
                        {"uploadUrl": upload, "lastByte": max(size - 1, 0), "firstByte": 0}
                    ],
                    "uploadToken": "",
                }
            },
        )

    def _put(self, request: httpx.Request, path: str) -> httpx.Response:
        urn = urllib.parse.unquote(path.split("/")[3])
        asset = self.assets.get(urn)
        if request.method != "PUT" or asset is None:
            return li_error(400, "ILLEGAL_ARGUMENT", "Unknown upload")
        asset.uploaded = True
        asset.size = len(request.content)
        return httpx.Response(201, headers={"etag": f"/ambry-video/{secrets.token_hex(6)}"})

    def _create(self, body: dict[str, Any]) -> httpx.Response:  # noqa: PLR0911
        if body.get("author") != self.org_urn:
            return li_error(403, "ACCESS_DENIED", "Not enough permissions to post as this author")
        if body.get("lifecycleState") != "PUBLISHED" or "distribution" not in body:
            return li_error(422, "UNPROCESSABLE_ENTITY", "/lifecycleState :: field is required")
        commentary = str(body.get("commentary", ""))
        content = dict(body.get("content") or {})
        if not commentary and not content:
            return li_error(
                422, "UNPROCESSABLE_ENTITY", "/commentary :: commentary or content is required"
            )
        for urn in self._asset_urns(content):
            asset = self.assets.get(urn)
            if (
                asset is None
                or not asset.uploaded
                or (asset.kind == "video" and not asset.finalized)
            ):
                return li_error(422, "UNPROCESSABLE_ENTITY", f"Media {urn} is not ready")
        for post in self.live_posts:
            if post.commentary == commentary and commentary:
                return li_error(422, "DUPLICATE_POST", f"Content is a duplicate of {post.urn}")
        if self.consume("posts") is None:
            return self.rate_limited(httpx.Request("POST", "/rest/posts"), 0)
        urn = f"urn:li:share:{next(self._ids)}"
        self.posts[urn] = FakeLinkedInPost(
            urn, self.org_urn, commentary, content, self.clock(), body
        )
        return httpx.Response(201, headers={"x-restli-id": urn, "x-linkedin-id": urn})

    @staticmethod
    def _asset_urns(content: dict[str, Any]) -> list[str]:
        if "media" in content:
            return [content["media"]["id"]]
        if "multiImage" in content:
            return [image["id"] for image in content["multiImage"]["images"]]
        return []

    def _list(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if params.get("q") != "author" or params.get("author") != self.org_urn:
            return li_error(400, "ILLEGAL_ARGUMENT", "Invalid finder")
        count = int(params.get("count", "10"))
        newest = sorted(self.live_posts, key=lambda p: p.created_at, reverse=True)
        elements = []
        for post in newest[:count]:
            millis = int(post.created_at.timestamp() * 1000)
            elements.append(
                {
                    **post.body,
                    "id": post.urn,
                    "createdAt": millis,
                    "publishedAt": millis,
                    "lastModifiedAt": millis,
                    "isEditedByAuthor": False,
                }
            )
        return json_response(
            200,
            {
                "paging": {"start": 0, "count": count, "links": [], "total": len(newest)},
                "elements": elements,
            },
        )

    def _stats(self, request: httpx.Request) -> httpx.Response:
        raw = request.url.params.get("shares") or request.url.params.get("ugcPosts") or ""
        urns = [
            urllib.parse.unquote(u)
            for u in raw.removeprefix("List(").removesuffix(")").split(",")
            if u
        ]
        elements = [
            {
                "totalShareStatistics": {
                    "uniqueImpressionsCount": 480,
                    "shareCount": 2,
                    "engagement": 0.031,
                    "clickCount": 14,
                    "likeCount": 9,
                    "impressionCount": 720,
                    "commentCount": len(self.posts[urn].comments),
                },
                "share": urn,
                "organizationalEntity": self.org_urn,
            }
            for urn in urns
            if urn in self.posts
        ]
        return json_response(
            200, {"paging": {"start": 0, "count": 10, "links": []}, "elements": elements}
        )

    def _refresh(self, request: httpx.Request) -> httpx.Response:
        form = self.form(request)
        token = form.get("refresh_token", "")
        expiry = self.refresh_tokens.get(token)
        valid = token in self.refresh_tokens and (expiry is None or expiry > self.clock())
        if (
            form.get("grant_type") != "refresh_token"
            or not valid
            or form.get("client_secret") != self.client_secret
        ):
            return json_response(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "The provided authorization grant or refresh token is invalid, expired or revoked.",
                },
            )
        expires = self.refresh_tokens[token]
        remaining = int((expires - self.clock()).total_seconds()) if expires else 0
        return json_response(
            200,
            {
                "access_token": self.issue_token(lifetime=TOKEN_LIFETIME),
                "expires_in": int(TOKEN_LIFETIME.total_seconds()),
                # LinkedIn returns the same refresh token: its life runs from the first consent.
                "refresh_token": token,
                "refresh_token_expires_in": remaining,
                "scope": "r_organization_social,rw_organization_admin,w_organization_social",
            },
        )
