"""The one interface every network adapter implements, and the one error taxonomy.

An adapter is given a ``Connection`` (plain data: never a model, so adapters are testable against
fake servers without a database) and an ``httpx.Client`` (so tests inject a transport or point
``base_url`` at a local fake). It makes exactly the calls one operation needs and translates the
network's answer into a result or one of the errors below. It never retries: the outbox decides
what to do with each error (``herald.publishing.delivery``).

What each error tells the outbox:

- ``Transient``: nothing was created (a 5xx before acceptance, a connection refused); safe to retry
  with backoff.
- ``RateLimited``: nothing was created; retry after ``retry_after`` seconds (from the headers).
- ``AuthExpired``: the credentials are expired or revoked; refresh (``refresh``) or ask a person to
  reconnect; nothing was created.
- ``Permanent``: the network refused this content (validation, duplicate, policy); do not retry.
- ``UnknownOutcome``: the request may have been accepted (a timeout or dropped connection after
  sending): never re-send blindly; reconcile with ``recent_posts``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Connection:
    network: str
    external_id: str
    base_url: str
    credentials: dict[str, Any]  # decrypted: never log or show
    handle: str = ""


@dataclass(frozen=True)
class OutgoingMedia:
    kind: str  # "image", "video", "captions"
    path: str  # a local file
    content_type: str
    size_bytes: int
    alt_text: str = ""
    width: int | None = None
    height: int | None = None
    duration_seconds: int | None = None
    captions_path: str = ""  # a video's captions file


@dataclass(frozen=True)
class OutgoingPost:
    text: str
    # Chosen before the first call and the same on every retry (Mastodon's Idempotency-Key,
    # Bluesky's record key, a marker for read-back reconciliation).
    idempotency_key: str
    link: str = ""
    media: tuple[OutgoingMedia, ...] = ()
    first_comment: str = ""
    video_title: str = ""
    # A reply: the network id of the message being answered (the inbox's replies).
    in_reply_to: str = ""


@dataclass(frozen=True)
class Published:
    remote_id: str
    url: str
    published_at: datetime.datetime | None = None
    first_comment_remote_id: str = ""


@dataclass(frozen=True)
class RemotePost:
    """A post read back from the account, for reconciliation and metrics."""

    remote_id: str
    url: str
    text: str
    created_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Metrics:
    remote_id: str
    impressions: int | None = None
    likes: int | None = None
    shares: int | None = None
    comments: int | None = None
    clicks: int | None = None
    views: int | None = None


@dataclass(frozen=True)
class Refreshed:
    credentials: dict[str, Any]
    expires_at: datetime.datetime | None = None
    refresh_expires_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Health:
    ok: bool
    detail: str = ""
    expires_at: datetime.datetime | None = None


@dataclass(frozen=True)
class MediaLimits:
    """What the network accepts, checked before scheduling (bad input fails early)."""

    max_text: int
    max_images: int
    max_videos: int = 1
    image_types: frozenset[str] = frozenset({"image/jpeg", "image/png"})
    video_types: frozenset[str] = frozenset({"video/mp4"})
    max_image_bytes: int = 5 * 1024 * 1024
    max_video_bytes: int = 512 * 1024 * 1024
    images_and_video_together: bool = False
    needs_media: bool = False  # Instagram: a post is an image or a video
    needs_video: bool = False  # YouTube
    alt_text: bool = True  # whether the network accepts alt text
    max_alt_text: int = 1000
    first_comment: bool = True


@dataclass(frozen=True)
class IncomingItem:
    """Something a resident published that a listening source heard: a comment on the council's
    post, a reply, a mention, a direct message, a post matching a search, a news item."""

    remote_id: str
    text: str
    posted_at: datetime.datetime
    url: str = ""
    author_handle: str = ""
    author_name: str = ""
    kind: str = "post"  # post, comment, reply, mention, message
    in_reply_to: str = ""
    thread_key: str = ""
    language: str = ""
    is_repost: bool = False
    likes: int = 0
    shares: int = 0
    replies: int = 0
    # Set when the network sent this entry malformed: ingestion records it as skipped with this
    # reason and goes on with the rest of the batch.
    problem: str = ""


def malformed(remote_id: object, problem: str) -> IncomingItem:
    """An entry that could not be read, carried to ingestion so the skip is recorded."""
    return IncomingItem(
        remote_id=str(remote_id or "")[:500],
        text="",
        posted_at=datetime.datetime.now(datetime.UTC),
        problem=problem,
    )


class AdapterError(Exception):
    """Base of every error an adapter raises. ``detail`` is safe to record (no credentials)."""

    def __init__(self, detail: str, *, http_status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.http_status = http_status


class Transient(AdapterError):
    pass


class RateLimited(AdapterError):
    def __init__(self, detail: str, *, retry_after: float, http_status: int | None = 429) -> None:
        super().__init__(detail, http_status=http_status)
        self.retry_after = retry_after


class AuthExpired(AdapterError):
    pass


class Permanent(AdapterError):
    pass


class UnknownOutcome(AdapterError):
    pass


@dataclass
class RateLimitState:
    """What the last response's headers said (for the connection's ``rate_limited_until``)."""

    remaining: int | None = None
    reset_at: datetime.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Adapter(Protocol):
    network: str
    limits: MediaLimits

    def publish(self, connection: Connection, post: OutgoingPost) -> Published: ...

    def delete(self, connection: Connection, remote_id: str) -> None: ...

    def recent_posts(self, connection: Connection, *, limit: int = 40) -> list[RemotePost]: ...

    def find_published(self, connection: Connection, post: OutgoingPost) -> Published | None:
        """Reconciliation: the post if the network has it (by idempotency marker or exact text
        among recent posts), else None. Read-only, so safe to retry."""
        ...

    def metrics(self, connection: Connection, remote_id: str) -> Metrics: ...

    def refresh(self, connection: Connection) -> Refreshed: ...

    def health(self, connection: Connection) -> Health: ...

    def last_rate_limit(self) -> RateLimitState: ...


class Moderation(Protocol):
    """Optional: networks whose API lets a page hide or delete a resident's comment."""

    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None: ...

    def delete_comment(self, connection: Connection, remote_id: str) -> None: ...


class Listening(Protocol):
    """Optional: reading what residents say to and about the account. ``cursor`` is whatever the
    adapter returned last time (persisted by the caller); returns new items and the next cursor."""

    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]: ...
