"""LinkedIn organisation adapter (Community Management API, REST Posts).

Connection: ``external_id`` is the organisation id (``12345`` or ``urn:li:organization:12345``);
``base_url`` is ``https://api.linkedin.com``; ``credentials`` hold ``access_token`` (60 days) and,
for approved partners with programmatic refresh, ``refresh_token`` (365 days from first
consent), ``client_id`` and ``client_secret``.

Every call sends ``LinkedIn-Version`` from the ``HERALD_LINKEDIN_VERSION`` setting (default
``DEFAULT_LINKEDIN_VERSION``; LinkedIn sunsets each monthly version after about a year, and a
test fails when the configured one is more than ten months old) and
``X-Restli-Protocol-Version: 2.0.0``.

Publishing: each image is ``POST /rest/images?action=initializeUpload`` then a ``PUT`` of the
bytes to the returned ``uploadUrl``; a video is initializeUpload / PUT parts / finalizeUpload on
``/rest/videos``. ``POST /rest/posts`` carries ``content.media`` (one image or a video, with
``altText``), ``content.multiImage`` (several, each with ``altText``) or ``content.article``
(a link without images). The new post's URN comes back in the ``x-restli-id`` header. The
commentary is LinkedIn's "little text" format, so its reserved characters are escaped. The
first comment is ``POST /rest/socialActions/{urn}/comments``.

LinkedIn has no idempotency key; reconciliation reads
``GET /rest/posts?q=author&author=…`` and matches the exact (escaped) commentary. LinkedIn's
limits are daily (reset at midnight UTC) and its 429 carries no headers, so ``retry_after``
runs to the next UTC midnight unless a ``Retry-After`` is present.
"""

from __future__ import annotations

import datetime
import logging
import re
import urllib.parse
from typing import Any

import httpx

from herald.channels.adapters._support import (
    HttpAdapter,
    composed_text,
    json_of,
    match_recent,
    now,
    parse_time,
    read_file,
    scrub,
    seconds_to_midnight,
    setting,
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

DEFAULT_LINKEDIN_VERSION = "202611"
DEFAULT_LINKEDIN_OAUTH_URL = "https://www.linkedin.com"
LITTLE_TEXT_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
TOKEN_CODES = frozenset({"INVALID_ACCESS_TOKEN", "REVOKED_ACCESS_TOKEN", "EXPIRED_ACCESS_TOKEN"})


def linkedin_version() -> str:
    """The ``LinkedIn-Version`` header (YYYYMM), from ``HERALD_LINKEDIN_VERSION``."""
    return setting("HERALD_LINKEDIN_VERSION", DEFAULT_LINKEDIN_VERSION)


def escape_little_text(text: str) -> str:
    return LITTLE_TEXT_RESERVED.sub(r"\\\1", text)


def quote_urn(urn: str) -> str:
    return urllib.parse.quote(urn, safe="")


class LinkedInAdapter(HttpAdapter):
    network = "linkedin"
    limits = limits_for("linkedin")

    # --- plumbing -----------------------------------------------------------------------------
    def _org(self, connection: Connection) -> str:
        external = connection.external_id
        return external if external.startswith("urn:li:") else f"urn:li:organization:{external}"

    def _url(self, connection: Connection, path: str) -> str:
        return connection.base_url.rstrip("/") + path

    def _headers(self, connection: Connection, **extra: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {connection.credentials.get('access_token', '')}",
            "LinkedIn-Version": linkedin_version(),
            "X-Restli-Protocol-Version": "2.0.0",
            **extra,
        }

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        status = response.status_code
        body = json_of(response)
        body = body if isinstance(body, dict) else {}
        code = str(body.get("code") or "")
        message = scrub(str(body.get("message") or body.get("error_description") or ""), connection)
        detail = f"{what}: LinkedIn answered {status}" + (f" ({code}: {message})" if body else "")
        if status == 401 or code in TOKEN_CODES:
            return AuthExpired(
                f"{what}: the LinkedIn access token is expired or revoked ({code or status})",
                http_status=status,
            )
        if status == 429:
            wait = (
                float(response.headers["retry-after"])
                if response.headers.get("retry-after", "").isdigit()
                else seconds_to_midnight()
            )
            self._rate.remaining = 0
            self._rate.reset_at = now() + datetime.timedelta(seconds=wait)
            return RateLimited(detail, retry_after=wait)
        if status == 504 and write:
            return UnknownOutcome(detail, http_status=status)
        if status >= 500:
            return Transient(detail, http_status=status)
        if "duplicate" in message.lower():
            return Permanent(
                f"{what}: LinkedIn refused a duplicate post ({message})", http_status=status
            )
        return Permanent(detail, http_status=status)

    # --- media ------------------------------------------------------------------------------
    def _upload_image(self, connection: Connection, image: OutgoingMedia) -> str:
        value = self._call(
            connection,
            "POST",
            self._url(connection, "/rest/images?action=initializeUpload"),
            what="start image upload",
            headers=self._headers(connection),
            json={"initializeUploadRequest": {"owner": self._org(connection)}},
        ).json()["value"]
        self._call(
            connection,
            "PUT",
            value["uploadUrl"],
            what="upload image",
            headers={"Authorization": self._headers(connection)["Authorization"]},
            content=read_file(image.path),
        )
        return str(value["image"])

    def _upload_video(self, connection: Connection, video: OutgoingMedia) -> str:
        content = read_file(video.path)
        value = self._call(
            connection,
            "POST",
            self._url(connection, "/rest/videos?action=initializeUpload"),
            what="start video upload",
            headers=self._headers(connection),
            json={
                "initializeUploadRequest": {
                    "owner": self._org(connection),
                    "fileSizeBytes": len(content),
                    "uploadCaptions": False,
                    "uploadThumbnail": False,
                }
            },
        ).json()["value"]
        etags = []
        for part in value.get("uploadInstructions", []):
            chunk = content[int(part["firstByte"]) : int(part["lastByte"]) + 1]
            response = self._call(
                connection,
                "PUT",
                part["uploadUrl"],
                what="upload video",
                headers={"Authorization": self._headers(connection)["Authorization"]},
                content=chunk,
            )
            etags.append(response.headers.get("etag", ""))
        self._call(
            connection,
            "POST",
            self._url(connection, "/rest/videos?action=finalizeUpload"),
            what="finish video upload",
            headers=self._headers(connection),
            json={
                "finalizeUploadRequest": {
                    "video": value["video"],
                    "uploadToken": value.get("uploadToken", ""),
                    "uploadedPartIds": etags,
                }
            },
        )
        return str(value["video"])

    def _content(self, connection: Connection, post: OutgoingPost) -> dict[str, Any] | None:
        videos = [m for m in post.media if m.kind == "video"]
        images = [m for m in post.media if m.kind == "image"]
        if videos:
            media: dict[str, Any] = {"id": self._upload_video(connection, videos[0])}
            if post.video_title:
                media["title"] = post.video_title
            return {"media": media}
        items = []
        for image in images:
            item = {"id": self._upload_image(connection, image)}
            if image.alt_text:
                item["altText"] = image.alt_text[: self.limits.max_alt_text]
            items.append(item)
        if len(items) == 1:
            return {"media": items[0]}
        if items:
            return {"multiImage": {"images": items}}
        if post.link:
            title = (post.text.strip().splitlines() or [post.link])[0][:200]
            return {"article": {"source": post.link, "title": title}}
        return None

    def _commentary(self, post: OutgoingPost) -> str:
        has_images = any(m.kind in {"image", "video"} for m in post.media)
        return escape_little_text(composed_text(post) if has_images else post.text)

    # --- the interface ------------------------------------------------------------------------
    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        body: dict[str, Any] = {
            "author": self._org(connection),
            "commentary": self._commentary(post),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        content = self._content(connection, post)
        if content:
            body["content"] = content
        response = self._call(
            connection,
            "POST",
            self._url(connection, "/rest/posts"),
            what="create post",
            write=True,
            headers=self._headers(connection),
            json=body,
        )
        urn = response.headers.get("x-restli-id") or response.headers.get("x-linkedin-id", "")
        if not urn:
            raise UnknownOutcome("LinkedIn accepted the post but returned no id; reconcile")
        logger.info("Published LinkedIn post %s", urn)
        published = Published(
            remote_id=urn, url=f"https://www.linkedin.com/feed/update/{urn}/", published_at=now()
        )
        if post.first_comment:
            published = self._first_comment(connection, published, post.first_comment)
        return published

    def _first_comment(self, connection: Connection, published: Published, text: str) -> Published:
        try:
            response = self._call(
                connection,
                "POST",
                self._url(
                    connection, f"/rest/socialActions/{quote_urn(published.remote_id)}/comments"
                ),
                what="first comment",
                write=True,
                headers=self._headers(connection),
                json={
                    "actor": self._org(connection),
                    "object": published.remote_id,
                    "message": {"text": text},
                },
            )
        except AdapterError as error:
            logger.warning(
                "LinkedIn first comment on %s failed: %s", published.remote_id, error.detail
            )
            return published
        body = json_of(response)
        comment_id = response.headers.get("x-restli-id") or (
            str(body.get("$URN") or body.get("id") or "") if isinstance(body, dict) else ""
        )
        return Published(
            remote_id=published.remote_id,
            url=published.url,
            published_at=published.published_at,
            first_comment_remote_id=comment_id,
        )

    def delete(self, connection: Connection, remote_id: str) -> None:
        self._call(
            connection,
            "DELETE",
            self._url(connection, f"/rest/posts/{quote_urn(remote_id)}"),
            what="delete post",
            headers=self._headers(connection, **{"X-RestLi-Method": "DELETE"}),
            ok_statuses=(404, 410),
        )

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        count = min(max(limit, 1), 100)
        response = self._call(
            connection,
            "GET",
            self._url(
                connection,
                f"/rest/posts?q=author&author={quote_urn(self._org(connection))}"
                f"&count={count}&sortBy=LAST_MODIFIED",
            ),
            what="read recent posts",
            headers=self._headers(connection, **{"X-RestLi-Method": "FINDER"}),
        )
        return [
            RemotePost(
                remote_id=str(item["id"]),
                url=f"https://www.linkedin.com/feed/update/{item['id']}/",
                text=str(item.get("commentary", "")),
                created_at=parse_time(item.get("publishedAt") or item.get("createdAt")),
            )
            for item in response.json().get("elements", [])
        ][:limit]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        commentary = self._commentary(post)
        return match_recent(self.recent_posts(connection), [commentary, post.text])

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        kind = "ugcPosts" if remote_id.startswith("urn:li:ugcPost:") else "shares"
        response = self._call(
            connection,
            "GET",
            self._url(
                connection,
                "/rest/organizationalEntityShareStatistics?q=organizationalEntity"
                f"&organizationalEntity={quote_urn(self._org(connection))}"
                f"&{kind}=List({quote_urn(remote_id)})",
            ),
            what="read metrics",
            headers=self._headers(connection),
        )
        elements = response.json().get("elements", [])
        stats = elements[0].get("totalShareStatistics", {}) if elements else {}
        return Metrics(
            remote_id=remote_id,
            impressions=stats.get("impressionCount"),
            likes=stats.get("likeCount"),
            shares=stats.get("shareCount"),
            comments=stats.get("commentCount"),
            clicks=stats.get("clickCount"),
        )

    def refresh(self, connection: Connection) -> Refreshed:
        credentials = connection.credentials
        if not credentials.get("refresh_token"):
            raise AuthExpired(
                "LinkedIn gives no refresh token to this app: a page admin must reconnect "
                "(access tokens last 60 days)"
            )
        oauth = setting("HERALD_LINKEDIN_OAUTH_URL", DEFAULT_LINKEDIN_OAUTH_URL).rstrip("/")
        try:
            body = self._call(
                connection,
                "POST",
                f"{oauth}/oauth/v2/accessToken",
                what="refresh token",
                data={
                    "grant_type": "refresh_token",
                    "refresh_token": credentials["refresh_token"],
                    "client_id": credentials.get("client_id", ""),
                    "client_secret": credentials.get("client_secret", ""),
                },
            ).json()
        except Permanent as error:
            raise AuthExpired(
                f"LinkedIn refused the refresh token; reconnect ({error.detail})"
            ) from None
        issued = now()
        expires_at = issued + datetime.timedelta(seconds=int(body.get("expires_in", 5184000)))
        refresh_expires_at = None
        if body.get("refresh_token_expires_in"):
            refresh_expires_at = issued + datetime.timedelta(
                seconds=int(body["refresh_token_expires_in"])
            )
        fresh = {
            **credentials,
            "access_token": body["access_token"],
            "refresh_token": body.get("refresh_token", credentials["refresh_token"]),
            "expires_at": expires_at.isoformat(),
        }
        return Refreshed(
            credentials=fresh, expires_at=expires_at, refresh_expires_at=refresh_expires_at
        )

    def health(self, connection: Connection) -> Health:
        expires_at = parse_time(connection.credentials.get("expires_at"))
        org_id = self._org(connection).rsplit(":", 1)[-1]
        try:
            body = self._call(
                connection,
                "GET",
                self._url(connection, f"/rest/organizations/{org_id}"),
                what="check organisation",
                headers=self._headers(connection),
            ).json()
        except AdapterError as error:
            return Health(ok=False, detail=error.detail, expires_at=expires_at)
        days_left = ""
        if expires_at is not None:
            days_left = f"; token expires in {(expires_at - now()).days} days"
        return Health(
            ok=True, detail=f"{body.get('localizedName', '')}{days_left}", expires_at=expires_at
        )
