"""Instagram adapter (Instagram Graph API, business and creator accounts).

Connection: ``external_id`` is the Instagram user id; ``base_url`` is
``https://graph.facebook.com`` (Instagram API with Facebook Login: a Page or user token) or
``https://graph.instagram.com`` (Instagram API with Instagram Login: an Instagram user token,
60 days, refreshed with ``ig_refresh_token``). ``credentials`` hold ``access_token``; set
``"login": "instagram"`` for the second kind when the base URL does not say so.

Publishing is two-step: ``POST /{ig-user-id}/media`` creates a container (``image_url``,
``caption``, ``alt_text``; several images are carousel items and then a ``CAROUSEL`` container;
a video is a ``REELS`` container with ``video_url``), the adapter polls
``GET /{container-id}?fields=status_code`` until ``FINISHED`` (``ERROR``/``EXPIRED`` →
Permanent), then ``POST /{ig-user-id}/media_publish`` with ``creation_id``. Containers are safe to
create again (unpublished ones expire); only ``media_publish`` is a write whose lost answer is an
``UnknownOutcome``. Before publishing, ``content_publishing_limit`` is read: a full 24-hour quota
is ``RateLimited``.

Meta fetches every image from a **public URL**, so the adapter needs a media URL builder: a
callable taking an ``OutgoingMedia`` and returning an HTTPS URL Meta can fetch (for example a
signed, expiring URL to the media library's file). Pass it as
``InstagramAdapter(client, media_url=...)``; the registry's default is ``settings_media_url``,
which calls the builder named by ``HERALD_MEDIA_URL_BUILDER`` (a dotted path) or else maps a
file under ``MEDIA_ROOT`` to ``HERALD_PUBLIC_MEDIA_BASE_URL`` + its relative path.

Links are not clickable on Instagram; a link is appended to the caption as text. The first
comment is ``POST /{ig-media-id}/comments``. Reconciliation reads ``GET /{ig-user-id}/media`` and
matches the exact caption.
"""

from __future__ import annotations

import datetime
import logging
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.utils.module_loading import import_string

from herald.channels.adapters._support import (
    composed_text,
    match_recent,
    now,
    parse_time,
    send,
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
)
from herald.channels.adapters.facebook.graph import GraphAdapter, graph_error
from herald.channels.limits import limits_for

logger = logging.getLogger(__name__)

MediaUrlBuilder = Callable[[OutgoingMedia], str]

PUBLISH_LIMIT_SUBCODE = 2207042  # "the account has reached its publishing limit"
NOT_READY_SUBCODE = 2207027  # "media is not ready to be published"
MISSING_OBJECT = (100, 33)


def settings_media_url(media: OutgoingMedia) -> str:
    """The default builder. ``HERALD_MEDIA_URL_BUILDER`` may name another builder by dotted path
    (for example one that signs expiring URLs); otherwise ``HERALD_PUBLIC_MEDIA_BASE_URL`` + the
    file's path under ``MEDIA_ROOT``. Raises Permanent when neither is configured."""
    dotted = setting("HERALD_MEDIA_URL_BUILDER", "")
    if dotted:
        builder: MediaUrlBuilder = import_string(dotted)
        return builder(media)
    base = setting("HERALD_PUBLIC_MEDIA_BASE_URL", "")
    if not base:
        raise Permanent(
            "Instagram fetches media from a public URL: set HERALD_PUBLIC_MEDIA_BASE_URL or give "
            "the adapter a media URL builder"
        )
    path = Path(media.path)
    root = Path(str(getattr(settings, "MEDIA_ROOT", "") or "."))
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        relative = Path(path.name)
    return f"{base.rstrip('/')}/{urllib.parse.quote(relative.as_posix())}"


class InstagramAdapter(GraphAdapter):
    network = "instagram"
    limits = limits_for("instagram")
    token_key = "access_token"  # noqa: S105 - the name of a credential, not one

    def __init__(
        self,
        client: httpx.Client,
        *,
        media_url: MediaUrlBuilder | None = None,
        sleep: Callable[[float], None] = time.sleep,
        poll_interval: float = 2.0,
        max_polls: int = 30,
        video_polls: int = 60,
        video_poll_interval: float = 5.0,
    ) -> None:
        super().__init__(client)
        self.media_url = media_url or settings_media_url
        self._sleep = sleep
        self.poll_interval = poll_interval
        self.max_polls = max_polls
        # Meta processes a Reel for minutes, not seconds: wait longer rather than abandon the
        # container and start again (which would never finish for a long video).
        self.video_polls = video_polls
        self.video_poll_interval = video_poll_interval
        self._quota_remaining: int | None = None

    def _note_rate_limit(self, response: httpx.Response) -> None:
        """``remaining`` is the posts left in the 24-hour publishing quota once it is known (the
        limit that matters for publishing); the usage headers stay in ``extra``."""
        super()._note_rate_limit(response)
        if self._quota_remaining is not None:
            self._rate.remaining = self._quota_remaining

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        error = graph_error(response)
        if error.get("error_subcode") == PUBLISH_LIMIT_SUBCODE:
            return RateLimited(
                f"{what}: the account reached Instagram's 24-hour publishing limit",
                retry_after=3600.0,
                http_status=response.status_code,
            )
        if error.get("error_subcode") == NOT_READY_SUBCODE:
            return Transient(f"{what}: Instagram has not finished processing the media")
        return super()._classify(response, connection=connection, what=what, write=write)

    # --- publishing ---------------------------------------------------------------------------
    def _check_quota(self, connection: Connection) -> None:
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"{connection.external_id}/content_publishing_limit"),
            what="read publishing limit",
            headers=self._auth(connection),
            params={"fields": "quota_usage,config"},
        )
        for item in response.json().get("data", []):
            usage = int(item.get("quota_usage", 0))
            total = int(item.get("config", {}).get("quota_total", 0) or 0)
            if total:
                self._quota_remaining = self._rate.remaining = max(total - usage, 0)
                self._rate.extra = {**self._rate.extra, "publishing_quota_total": total}
                if usage >= total:
                    raise RateLimited(
                        "Instagram's 24-hour publishing limit is used up", retry_after=3600.0
                    )

    def _container(self, connection: Connection, fields: dict[str, Any], what: str) -> str:
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{connection.external_id}/media"),
            what=what,
            headers=self._auth(connection),
            json=fields,
        )
        return str(response.json()["id"])

    def _wait_until_finished(
        self, connection: Connection, container_id: str, *, video: bool = False
    ) -> None:
        polls = self.video_polls if video else self.max_polls
        interval = self.video_poll_interval if video else self.poll_interval
        for attempt in range(polls):
            response = self._call(
                connection,
                "GET",
                self._url(connection, container_id),
                what="check container",
                headers=self._auth(connection),
                params={"fields": "status_code,status"},
            )
            body = response.json()
            status = body.get("status_code")
            if status in {"FINISHED", "PUBLISHED"}:
                return
            if status in {"ERROR", "EXPIRED"}:
                raise Permanent(
                    f"Instagram could not prepare the media ({status}: {body.get('status', '')})"
                )
            if attempt + 1 < polls:
                self._sleep(interval)
        raise Transient("Instagram is still processing the media; try again later")

    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        images = [m for m in post.media if m.kind == "image"]
        videos = [m for m in post.media if m.kind == "video"]
        if not images and not videos:
            raise Permanent("An Instagram post needs an image or a video")
        caption = composed_text(post)
        self._check_quota(connection)
        if videos:
            fields: dict[str, Any] = {
                "media_type": "REELS",
                "video_url": self.media_url(videos[0]),
                "caption": caption,
            }
            container_id = self._container(connection, fields, "create video container")
        elif len(images) == 1:
            fields = {"image_url": self.media_url(images[0]), "caption": caption}
            if images[0].alt_text:
                fields["alt_text"] = images[0].alt_text[: self.limits.max_alt_text]
            container_id = self._container(connection, fields, "create image container")
        else:
            children = []
            for image in images:
                item: dict[str, Any] = {
                    "image_url": self.media_url(image),
                    "is_carousel_item": True,
                }
                if image.alt_text:
                    item["alt_text"] = image.alt_text[: self.limits.max_alt_text]
                children.append(self._container(connection, item, "create carousel item"))
            container_id = self._container(
                connection,
                {"media_type": "CAROUSEL", "children": ",".join(children), "caption": caption},
                "create carousel container",
            )
        self._wait_until_finished(connection, container_id, video=bool(videos))
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{connection.external_id}/media_publish"),
            what="publish container",
            write=True,
            headers=self._auth(connection),
            json={"creation_id": container_id},
        )
        media_id = str(response.json()["id"])
        if self._quota_remaining:
            self._quota_remaining = self._rate.remaining = self._quota_remaining - 1
        logger.info("Published Instagram media %s", media_id)
        published = Published(
            remote_id=media_id, url=self._permalink(connection, media_id), published_at=now()
        )
        if post.first_comment:
            published = self._first_comment(connection, published, post.first_comment)
        return published

    def _permalink(self, connection: Connection, media_id: str) -> str:
        try:
            response = self._call(
                connection,
                "GET",
                self._url(connection, media_id),
                what="read permalink",
                headers=self._auth(connection),
                params={"fields": "permalink"},
            )
            return str(response.json().get("permalink", ""))
        except AdapterError:  # published all the same; the URL is a nicety
            handle = connection.handle.lstrip("@")
            return f"https://www.instagram.com/{handle}/" if handle else ""

    def _first_comment(self, connection: Connection, published: Published, text: str) -> Published:
        try:
            response = self._call(
                connection,
                "POST",
                self._url(connection, f"{published.remote_id}/comments"),
                what="first comment",
                write=True,
                headers=self._auth(connection),
                json={"message": text},
            )
        except AdapterError as error:
            logger.warning(
                "Instagram first comment on %s failed: %s", published.remote_id, error.detail
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
        response = send(
            self.client,
            "DELETE",
            self._url(connection, remote_id),
            connection=connection,
            write=False,
            what="delete media",
            headers=self._auth(connection),
        )
        self._note_rate_limit(response)
        if response.is_success or response.status_code == 404:
            return
        error = graph_error(response)
        if (error.get("code"), error.get("error_subcode")) == MISSING_OBJECT:
            return
        raise self._classify(response, connection=connection, what="delete media", write=False)

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"{connection.external_id}/media"),
            what="read recent media",
            headers=self._auth(connection),
            params={
                "fields": "id,caption,permalink,timestamp,media_type",
                "limit": min(limit, 100),
            },
        )
        return [
            RemotePost(
                remote_id=str(item["id"]),
                url=str(item.get("permalink", "")),
                text=str(item.get("caption", "")),
                created_at=parse_time(item.get("timestamp")),
            )
            for item in response.json().get("data", [])
        ][:limit]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        return match_recent(self.recent_posts(connection), [composed_text(post)])

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        body = self._call(
            connection,
            "GET",
            self._url(connection, remote_id),
            what="read metrics",
            headers=self._auth(connection),
            params={"fields": "like_count,comments_count"},
        ).json()
        values: dict[str, int] = {}
        try:
            insights = self._call(
                connection,
                "GET",
                self._url(connection, f"{remote_id}/insights"),
                what="read insights",
                headers=self._auth(connection),
                params={"metric": "views,reach,shares"},
            ).json()
        except Permanent:  # insights need instagram_manage_insights; counts still stand
            insights = {}
        for metric in insights.get("data", []):
            points = metric.get("values") or [{}]
            total = metric.get("total_value", {}).get("value", points[-1].get("value"))
            if isinstance(total, int):
                values[str(metric.get("name"))] = total
        return Metrics(
            remote_id=remote_id,
            likes=body.get("like_count"),
            comments=body.get("comments_count"),
            views=values.get("views"),
            impressions=values.get("reach"),
            shares=values.get("shares"),
        )

    # --- credentials ----------------------------------------------------------------------------
    def _instagram_login(self, connection: Connection) -> bool:
        return (
            connection.credentials.get("login") == "instagram"
            or "graph.instagram.com" in connection.base_url
        )

    def refresh(self, connection: Connection) -> Refreshed:
        """Instagram Login: ``GET /refresh_access_token?grant_type=ig_refresh_token`` (the token
        must be at least 24 hours old and unexpired; the new one lasts 60 days). Facebook Login
        uses a Page token with no expiry: check it still works, else reconnect."""
        if not self._instagram_login(connection):
            health = self.health(connection)
            if not health.ok:
                raise AuthExpired(f"The token no longer works; reconnect ({health.detail})")
            return Refreshed(credentials=dict(connection.credentials))
        try:
            body = self._call(
                connection,
                "GET",
                f"{connection.base_url.rstrip('/')}/refresh_access_token",
                what="refresh token",
                headers=self._auth(connection),
                params={"grant_type": "ig_refresh_token"},
            ).json()
        except Permanent as error:
            raise AuthExpired(
                f"Instagram refused the refresh; reconnect ({error.detail})"
            ) from None
        expires_at = now() + datetime.timedelta(seconds=int(body.get("expires_in", 5184000)))
        fresh = {
            **connection.credentials,
            "access_token": body["access_token"],
            "expires_at": expires_at.isoformat(),
        }
        return Refreshed(credentials=fresh, expires_at=expires_at)

    def health(self, connection: Connection) -> Health:
        expires_at = parse_time(connection.credentials.get("expires_at"))
        try:
            body = self._call(
                connection,
                "GET",
                self._url(connection, connection.external_id),
                what="check account",
                headers=self._auth(connection),
                params={"fields": "id,username"},
            ).json()
        except AdapterError as error:
            return Health(ok=False, detail=error.detail, expires_at=expires_at)
        if str(body.get("id")) != connection.external_id:
            return Health(ok=False, detail="The token belongs to a different Instagram account")
        return Health(ok=True, detail=f"@{body.get('username', '')}", expires_at=expires_at)
