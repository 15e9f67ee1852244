"""The Sandbox network's own operations. The JSON API (``herald.channels.sandbox.api``) is a thin
HTTP layer over these; nothing else writes sandbox posts.

Idempotency works like Mastodon's: a create with an ``Idempotency-Key`` already used by this
account returns the post that key made, and creates nothing (kept for ever here, not an hour).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from herald.channels.models import SandboxAccount, SandboxPost

TOKEN_LIFETIME = datetime.timedelta(days=30)
MAX_TEXT = 1000


class SandboxError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_at: datetime.datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ensure_account(*, handle: str, display_name: str = "") -> SandboxAccount:
    account, _ = SandboxAccount.objects.get_or_create(
        handle=handle.lower(), defaults={"display_name": display_name or handle}
    )
    return account


def issue_tokens(
    account: SandboxAccount, *, lifetime: datetime.timedelta = TOKEN_LIFETIME
) -> Tokens:
    """New access and refresh tokens for ``account`` (the old ones stop working)."""
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires_at = timezone.now() + lifetime
    SandboxAccount.objects.filter(pk=account.pk).update(
        token_sha256=_digest(access),
        refresh_token_sha256=_digest(refresh),
        token_expires_at=expires_at,
    )
    account.token_sha256, account.refresh_token_sha256 = _digest(access), _digest(refresh)
    account.token_expires_at = expires_at
    return Tokens(access_token=access, refresh_token=refresh, expires_at=expires_at)


def account_named(handle: str) -> SandboxAccount:
    account = SandboxAccount.objects.filter(handle=handle.lower()).first()
    if account is None:
        raise SandboxError(404, "not_found", "No such sandbox account.")
    return account


def authenticate(handle: str, token: str) -> SandboxAccount:
    account = account_named(handle)
    if not token or not secrets.compare_digest(_digest(token), account.token_sha256 or "-"):
        raise SandboxError(401, "invalid_token", "The access token is invalid.")
    if account.token_expires_at is not None and account.token_expires_at <= timezone.now():
        raise SandboxError(401, "token_expired", "The access token has expired.")
    return account


def refresh_tokens(handle: str, refresh_token: str) -> Tokens:
    account = account_named(handle)
    if not refresh_token or not secrets.compare_digest(
        _digest(refresh_token), account.refresh_token_sha256 or "-"
    ):
        raise SandboxError(400, "invalid_grant", "The refresh token is invalid.")
    return issue_tokens(account)


def expire_token(handle: str) -> None:
    """For tests and fault injection: the current access token stops working now."""
    SandboxAccount.objects.filter(handle=handle.lower()).update(
        token_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def create_post(
    account: SandboxAccount,
    *,
    text: str,
    idempotency_key: str,
    link: str = "",
    media: list[dict[str, Any]] | None = None,
    in_reply_to_id: str = "",
) -> tuple[SandboxPost, bool]:
    """The post this key made (created now if it is new). Returns (post, created)."""
    if not idempotency_key:
        raise SandboxError(422, "idempotency_key_required", "Send an Idempotency-Key header.")
    if not text.strip() and not media:
        raise SandboxError(422, "empty", "A post needs text or media.")
    if len(text) > MAX_TEXT:
        raise SandboxError(422, "too_long", f"A post has at most {MAX_TEXT} characters.")
    for item in media or []:
        if str(item.get("content_type", "")).startswith("image/") and not item.get("alt_text"):
            raise SandboxError(422, "alt_text_required", "Every image needs alt text.")
    parent = None
    if in_reply_to_id:
        # A reply may answer any account's post (a resident's comment, for the inbox).
        from herald.channels.sandbox.replies import find_any  # noqa: PLC0415 - it imports us

        parent = find_any(in_reply_to_id)
    # Insert first: the unique (account, key) constraint decides, so two requests with one key
    # at the same moment still make one post.
    try:
        with transaction.atomic():
            post = SandboxPost.objects.create(
                account=account,
                text=text,
                link=link,
                media=[
                    {
                        "name": str(item.get("name", ""))[:200],
                        "content_type": str(item.get("content_type", ""))[:100],
                        "alt_text": str(item.get("alt_text", ""))[:2000],
                    }
                    for item in media or []
                ],
                idempotency_key=idempotency_key[:200],
                in_reply_to=parent,
            )
    except IntegrityError:  # this key made its post already: that post, and nothing new
        return SandboxPost.objects.get(
            account=account, idempotency_key=idempotency_key[:200]
        ), False
    return post, True


def _find(account: SandboxAccount, post_id: str) -> SandboxPost:
    try:
        post = SandboxPost.objects.filter(account=account, public_id=post_id).first()
    except Exception:  # a malformed id
        post = None
    if post is None:
        raise SandboxError(404, "not_found", "No such post.")
    return post


def get_post(account: SandboxAccount, post_id: str) -> SandboxPost:
    return _find(account, post_id)


def recent_posts(
    account: SandboxAccount, *, limit: int = 40, idempotency_key: str = ""
) -> list[SandboxPost]:
    posts = SandboxPost.objects.filter(
        account=account, deleted_at__isnull=True, direct_to__isnull=True
    )
    if idempotency_key:
        posts = posts.filter(idempotency_key=idempotency_key)
    return list(posts.order_by("-created_at", "-id")[: max(1, min(limit, 200))])


def delete_post(account: SandboxAccount, post_id: str) -> SandboxPost:
    """Taken off the timeline; the row is kept (nothing published is hard-deleted)."""
    post = _find(account, post_id)
    if post.deleted_at is None:
        SandboxPost.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
        post.refresh_from_db()
    return post


def post_url(post: SandboxPost) -> str:
    base = (settings.SITE_URL or "http://localhost").rstrip("/")
    path = reverse("channels:sandbox_timeline", kwargs={"handle": post.account.handle})
    return f"{base}{path}#post-{post.public_id}"


def as_json(post: SandboxPost) -> dict[str, Any]:
    return {
        "id": str(post.public_id),
        "url": post_url(post),
        "created_at": post.created_at.isoformat(),
        "account": {"handle": post.account.handle, "display_name": post.account.display_name},
        "text": post.text,
        "link": post.link,
        "media": post.media,
        "in_reply_to_id": str(post.in_reply_to.public_id) if post.in_reply_to else None,
        "idempotency_key": post.idempotency_key,
        "deleted_at": post.deleted_at.isoformat() if post.deleted_at else None,
    }


def timeline(handle: str) -> tuple[SandboxAccount, list[SandboxPost]]:
    account = account_named(handle)
    posts = list(
        SandboxPost.objects.filter(
            account=account, deleted_at__isnull=True, in_reply_to=None, direct_to__isnull=True
        )
        .select_related("in_reply_to")
        .order_by("-created_at", "-id")[:100]
    )
    return account, posts
