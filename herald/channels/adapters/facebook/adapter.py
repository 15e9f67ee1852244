"""Facebook Page adapter (Graph API).

Connection: ``external_id`` is the Page id; ``base_url`` is ``https://graph.facebook.com``;
``credentials`` hold ``page_access_token`` (a Page token from a long-lived user token does not
expire, but a password change, a lost Page role or de-authorisation revokes it) and, so that
``refresh`` can mint a new one, optionally ``user_access_token``, ``app_id`` and ``app_secret``.
Tokens travel in the ``Authorization`` header and secrets in request bodies, never in URLs.

Publishing:

- text, or text + link: ``POST /{page-id}/feed`` (``message``, ``link``);
- one image: ``POST /{page-id}/photos`` (multipart ``source``, ``caption``, ``alt_text_custom``);
- several images: each ``POST /{page-id}/photos`` with ``published=false`` and
  ``alt_text_custom``, then ``POST /{page-id}/feed`` with ``attached_media=[{media_fbid}]``;
- a video: ``POST /{page-id}/videos`` (multipart ``source``, ``title``, ``description``);
- first comment: ``POST /{post-id}/comments``; a failed first comment never fails the publish.

With images the link is appended to the message (Graph ignores ``link`` beside photos).
Facebook has no idempotency key; reconciliation reads ``GET /{page-id}/published_posts`` and
matches the exact message.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from herald.channels.adapters._support import (
    composed_text,
    match_recent,
    now,
    parse_time,
    read_file,
    send,
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
    Refreshed,
    RemotePost,
)
from herald.channels.adapters.facebook.graph import GraphAdapter, graph_error
from herald.channels.limits import limits_for

logger = logging.getLogger(__name__)

# Graph's answer when the object to delete is already gone.
MISSING_OBJECT = (100, 33)


def post_url(remote_id: str) -> str:
    page_id, _, post_id = remote_id.partition("_")
    if post_id:
        return f"https://www.facebook.com/{page_id}/posts/{post_id}"
    return f"https://www.facebook.com/{remote_id}"


class FacebookPageAdapter(GraphAdapter):
    network = "facebook_page"
    limits = limits_for("facebook_page")

    # --- publishing ---------------------------------------------------------------------------
    def publish(self, connection: Connection, post: OutgoingPost) -> Published:
        images = [m for m in post.media if m.kind == "image"]
        videos = [m for m in post.media if m.kind == "video"]
        if videos:
            remote_id, video_id = self._publish_video(connection, post, videos[0])
            url = f"https://www.facebook.com/{connection.external_id}/videos/{video_id}"
        elif len(images) == 1:
            remote_id = self._publish_photo(connection, post, images[0])
            url = post_url(remote_id)
        else:
            body: dict[str, Any] = {"message": post.text}
            if images:
                body["message"] = composed_text(post)
                body["attached_media"] = [
                    {"media_fbid": self._upload_photo(connection, image)} for image in images
                ]
            elif post.link:
                body["link"] = post.link
            response = self._call(
                connection,
                "POST",
                self._url(connection, f"{connection.external_id}/feed"),
                what="create post",
                write=True,
                headers=self._auth(connection),
                json=body,
            )
            remote_id = str(response.json()["id"])
            url = post_url(remote_id)
        logger.info("Published Facebook post %s", remote_id)
        published = Published(remote_id=remote_id, url=url, published_at=now())
        if post.first_comment:
            published = self._first_comment(connection, published, post.first_comment)
        return published

    def _photo_fields(self, image: OutgoingMedia) -> dict[str, str]:
        fields = {}
        if image.alt_text:
            fields["alt_text_custom"] = image.alt_text[: self.limits.max_alt_text]
        return fields

    def _upload_photo(self, connection: Connection, image: OutgoingMedia) -> str:
        """An unpublished photo (safe to repeat: an unattached photo never appears)."""
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{connection.external_id}/photos"),
            what="upload photo",
            headers=self._auth(connection),
            data={"published": "false", **self._photo_fields(image)},
            files={"source": ("image", read_file(image.path), image.content_type)},
        )
        return str(response.json()["id"])

    def _publish_photo(
        self, connection: Connection, post: OutgoingPost, image: OutgoingMedia
    ) -> str:
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{connection.external_id}/photos"),
            what="create photo post",
            write=True,
            headers=self._auth(connection),
            data={"caption": composed_text(post), "published": "true", **self._photo_fields(image)},
            files={"source": ("image", read_file(image.path), image.content_type)},
        )
        body = response.json()
        return str(body.get("post_id") or body["id"])

    def _publish_video(
        self, connection: Connection, post: OutgoingPost, video: OutgoingMedia
    ) -> tuple[str, str]:
        """(the Page post's id, the video's id): a video post's id is ``{page}_{video}``."""
        data = {"description": composed_text(post)}
        if post.video_title:
            data["title"] = post.video_title
        response = self._call(
            connection,
            "POST",
            self._url(connection, f"{connection.external_id}/videos"),
            what="create video post",
            write=True,
            headers=self._auth(connection),
            data=data,
            files={"source": ("video", read_file(video.path), video.content_type)},
        )
        body = response.json()
        video_id = str(body["id"])
        return str(body.get("post_id") or f"{connection.external_id}_{video_id}"), video_id

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
                "Facebook first comment on %s failed: %s", published.remote_id, error.detail
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
            what="delete post",
            headers=self._auth(connection),
        )
        self._note_rate_limit(response)
        if response.is_success or response.status_code == 404:
            return
        error = graph_error(response)
        if (error.get("code"), error.get("error_subcode")) == MISSING_OBJECT:
            return  # already gone
        raise self._classify(response, connection=connection, what="delete post", write=False)

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]:
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"{connection.external_id}/published_posts"),
            what="read recent posts",
            headers=self._auth(connection),
            params={"fields": "id,message,created_time,permalink_url", "limit": min(limit, 100)},
        )
        return [
            RemotePost(
                remote_id=str(item["id"]),
                url=str(item.get("permalink_url") or post_url(str(item["id"]))),
                text=str(item.get("message", "")),
                created_at=parse_time(item.get("created_time")),
            )
            for item in response.json().get("data", [])
        ][:limit]

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        return match_recent(self.recent_posts(connection), [post.text, composed_text(post)])

    def metrics(self, connection: Connection, remote_id: str) -> Metrics:
        response = self._call(
            connection,
            "GET",
            self._url(connection, remote_id),
            what="read metrics",
            headers=self._auth(connection),
            params={
                "fields": "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)"
            },
        )
        body = response.json()
        impressions = clicks = None
        try:
            insights = self._call(
                connection,
                "GET",
                self._url(connection, f"{remote_id}/insights"),
                what="read insights",
                headers=self._auth(connection),
                params={"metric": "post_impressions,post_clicks"},
            ).json()
        except Permanent:  # insights need pages_read_engagement; counts still stand
            insights = {}
        for metric in insights.get("data", []):
            values = metric.get("values") or [{}]
            if metric.get("name") == "post_impressions":
                impressions = values[-1].get("value")
            elif metric.get("name") == "post_clicks":
                clicks = values[-1].get("value")
        return Metrics(
            remote_id=remote_id,
            impressions=impressions,
            clicks=clicks,
            likes=body.get("reactions", {}).get("summary", {}).get("total_count"),
            comments=body.get("comments", {}).get("summary", {}).get("total_count"),
            shares=body.get("shares", {}).get("count", 0 if "id" in body else None),
        )

    # --- credentials ----------------------------------------------------------------------------
    def refresh(self, connection: Connection) -> Refreshed:
        """Mint a new Page token from a long-lived user token when the app's id and secret are
        held; otherwise a Page token has nothing to refresh, so check it still works."""
        credentials = connection.credentials
        user_token = credentials.get("user_access_token")
        if not (user_token and credentials.get("app_id") and credentials.get("app_secret")):
            health = self.health(connection)
            if not health.ok:
                raise AuthExpired(f"The Page token no longer works; reconnect ({health.detail})")
            return Refreshed(credentials=dict(credentials))
        try:
            exchanged = self._call(
                connection,
                "POST",
                self._url(connection, "oauth/access_token"),
                what="exchange user token",
                data={
                    "grant_type": "fb_exchange_token",
                    "client_id": credentials["app_id"],
                    "client_secret": credentials["app_secret"],
                    "fb_exchange_token": user_token,
                },
            ).json()
            page = self._call(
                connection,
                "GET",
                self._url(connection, connection.external_id),
                what="read page token",
                headers={"Authorization": f"Bearer {exchanged['access_token']}"},
                params={"fields": "id,access_token"},
            ).json()
        except Permanent as error:
            raise AuthExpired(
                f"Facebook refused the token exchange; reconnect ({error.detail})"
            ) from None
        user_expires = None
        if exchanged.get("expires_in"):
            user_expires = now() + datetime.timedelta(seconds=int(exchanged["expires_in"]))
        fresh = {
            **credentials,
            "user_access_token": exchanged["access_token"],
            "page_access_token": page["access_token"],
        }
        # The Page token itself does not expire; the user token behind it does (about 60 days).
        return Refreshed(credentials=fresh, expires_at=None, refresh_expires_at=user_expires)

    def health(self, connection: Connection) -> Health:
        try:
            page = self._call(
                connection,
                "GET",
                self._url(connection, connection.external_id),
                what="check page",
                headers=self._auth(connection),
                params={"fields": "id,name"},
            ).json()
        except AdapterError as error:
            return Health(ok=False, detail=error.detail)
        if str(page.get("id")) != connection.external_id:
            return Health(ok=False, detail="The token belongs to a different Page")
        return Health(ok=True, detail=str(page.get("name", "")))
