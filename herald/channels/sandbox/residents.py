"""Residents on the Sandbox network: their comments on an account's posts and their direct
messages to it, and what an account reads back of both (its ``incoming``).

A resident is just another Sandbox account. A comment is a post replying to one of the account's
posts (or to a reply under it); a direct message is a post addressed to the account and kept off
every timeline. ``incoming`` serves both oldest first after an opaque, increasing cursor, so a
listener that persists the cursor after each batch reads each item at least once.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q

from herald.channels.models import SandboxAccount, SandboxPost
from herald.channels.sandbox.service import MAX_TEXT, SandboxError, as_json

MAX_INCOMING = 200


def _checked(text: str) -> str:
    if not text.strip():
        raise SandboxError(422, "empty", "A comment or message needs text.")
    if len(text) > MAX_TEXT:
        raise SandboxError(422, "too_long", f"A comment has at most {MAX_TEXT} characters.")
    return text


def add_comment(*, resident: SandboxAccount, in_reply_to_id: str, text: str) -> SandboxPost:
    """A resident's public reply to any account's post."""
    try:
        parent = SandboxPost.objects.filter(
            public_id=uuid.UUID(in_reply_to_id), deleted_at__isnull=True, direct_to__isnull=True
        ).first()
    except ValueError:
        parent = None
    if parent is None:
        raise SandboxError(404, "not_found", "No such post to reply to.")
    return SandboxPost.objects.create(
        account=resident,
        text=_checked(text),
        in_reply_to=parent,
        idempotency_key=f"resident-{uuid.uuid4()}",
    )


def send_message(*, resident: SandboxAccount, to: SandboxAccount, text: str) -> SandboxPost:
    """A resident's direct message to an account (never on a timeline)."""
    if resident.pk == to.pk:
        raise SandboxError(422, "to_self", "An account cannot message itself.")
    return SandboxPost.objects.create(
        account=resident,
        text=_checked(text),
        direct_to=to,
        idempotency_key=f"message-{uuid.uuid4()}",
    )


def incoming(account: SandboxAccount, *, since: int = 0, limit: int = 100) -> list[SandboxPost]:
    """Others' replies to the account's posts and messages to it, oldest first after ``since``."""
    addressed = Q(in_reply_to__account=account) | Q(direct_to=account)
    return list(
        SandboxPost.objects.filter(addressed, pk__gt=since, deleted_at__isnull=True)
        .exclude(account=account)
        .select_related("account", "in_reply_to", "in_reply_to__in_reply_to")
        .order_by("pk")[: max(1, min(limit, MAX_INCOMING))]
    )


def _thread_root(post: SandboxPost) -> SandboxPost:
    root = post
    for _ in range(20):  # replies nest a few levels at most; bounded all the same
        if root.in_reply_to is None:
            break
        root = root.in_reply_to
    return root


def incoming_json(post: SandboxPost) -> dict[str, Any]:
    """One incoming item: the post's JSON plus its kind, thread and cursor position."""
    return {
        **as_json(post),
        "kind": "message" if post.direct_to_id else "comment",
        "thread_id": str(_thread_root(post).public_id),
        "seq": post.pk,
    }
