"""Conversations on the Sandbox network: residents comment on an account's posts, the account
replies under the comment, and the account moderates comments on its own posts (hide or delete,
kept either way). The JSON API reaches these through ``route``; the timeline shows each post
with its thread below it.

Paths (below ``/api/v1/channels/sandbox/<handle>/``, with the account's bearer token):

- ``GET statuses/<id>/replies?idempotency_key=`` → replies under a post (any account's)
- ``POST comments/<id>/hide`` (JSON ``hidden``: true or false) → the comment
- ``DELETE comments/<id>`` → the comment, taken off the timeline
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from herald.channels.models import SandboxAccount, SandboxPost
from herald.channels.sandbox import residents, service
from herald.channels.sandbox.service import SandboxError

MAX_DEPTH = 20


def find_any(post_id: str) -> SandboxPost:
    """A post on the whole network (a reply may answer anyone's post, as on Mastodon)."""
    try:
        post = SandboxPost.objects.select_related("account").filter(public_id=post_id).first()
    except Exception:  # a malformed id
        post = None
    if post is None:
        raise SandboxError(404, "not_found", "No such post.")
    return post


def comment(*, handle: str, on_post_id: str, text: str, display_name: str = "") -> SandboxPost:
    """A resident (``handle``) comments on a post: how the demo and tests make conversations,
    the same way a resident does through the Sandbox's pages."""
    resident = service.ensure_account(handle=handle, display_name=display_name)
    return residents.add_comment(resident=resident, in_reply_to_id=on_post_id, text=text)


def _thread_owner(post: SandboxPost) -> SandboxAccount | None:
    """The account whose post started the thread ``post`` is in."""
    current, depth = post, 0
    while current.in_reply_to_id is not None and depth < MAX_DEPTH:
        current = SandboxPost.objects.select_related("account").get(pk=current.in_reply_to_id)
        depth += 1
    return current.account if current.pk != post.pk else None


def _moderated(account: SandboxAccount, post_id: str) -> SandboxPost:
    post = find_any(post_id)
    owner = _thread_owner(post)
    if owner is None or owner.pk != account.pk:
        raise SandboxError(403, "not_your_thread", "Only comments under your own posts.")
    return post


def hide(account: SandboxAccount, post_id: str, *, hidden: bool) -> SandboxPost:
    post = _moderated(account, post_id)
    SandboxPost.objects.filter(pk=post.pk).update(hidden_at=timezone.now() if hidden else None)
    post.refresh_from_db()
    return post


def remove(account: SandboxAccount, post_id: str) -> SandboxPost:
    post = _moderated(account, post_id)
    if post.deleted_at is None:
        SandboxPost.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
        post.refresh_from_db()
    return post


def replies_to(account: SandboxAccount, post_id: str, *, idempotency_key: str = "") -> list[Any]:
    parent = find_any(post_id)
    found = SandboxPost.objects.filter(in_reply_to=parent, deleted_at__isnull=True)
    if idempotency_key:
        found = found.filter(account=account, idempotency_key=idempotency_key)
    return [service.as_json(p) for p in found.select_related("account", "in_reply_to")[:100]]


def route(
    account: SandboxAccount, method: str, *, resource: str, rest: list[str], body: bytes, query: Any
) -> tuple[int, Any] | None:
    """This module's endpoints, or None when the path is not one of them."""
    if resource == "statuses" and len(rest) == 2 and rest[1] == "replies" and method == "GET":
        return 200, replies_to(account, rest[0], idempotency_key=query.get("idempotency_key", ""))
    if resource != "comments" or not rest:
        return None
    if len(rest) == 2 and rest[1] == "hide" and method == "POST":
        data = json.loads(body or b"{}") if body else {}
        hidden = bool(data.get("hidden", True)) if isinstance(data, dict) else True
        return 200, as_json(hide(account, rest[0], hidden=hidden))
    if len(rest) == 1 and method == "DELETE":
        return 200, as_json(remove(account, rest[0]))
    return None


def as_json(post: SandboxPost) -> dict[str, Any]:
    data = service.as_json(post)
    data["hidden_at"] = post.hidden_at.isoformat() if post.hidden_at else None
    return data


def threads(posts: list[SandboxPost]) -> dict[int, list[tuple[SandboxPost, int]]]:
    """Each post's thread for the timeline: (comment or reply, depth), oldest first, without
    hidden or deleted comments."""
    result: dict[int, list[tuple[SandboxPost, int]]] = {}
    for post in posts:
        rows: list[tuple[SandboxPost, int]] = []
        _walk(post, 1, rows)
        result[post.pk] = rows
    return result


def _walk(post: SandboxPost, depth: int, rows: list[tuple[SandboxPost, int]]) -> None:
    if depth > MAX_DEPTH:
        return
    children = post.replies.filter(deleted_at__isnull=True, hidden_at__isnull=True)
    for child in children.select_related("account").order_by("created_at", "id"):
        rows.append((child, depth))
        _walk(child, depth + 1, rows)
