"""Facebook and Instagram webhooks: comments on the council's Pages and accounts, pushed as they
happen (polling stays as the backup: the same comment read twice is stored once).

Meta signs each delivery with the app secret: ``X-Hub-Signature-256: sha256=<HMAC-SHA256 of the
raw body>``. A delivery with a missing or wrong signature, or a body that is not the documented
shape, is refused with its reason logged; nothing is stored. The subscription handshake (a GET
with ``hub.mode=subscribe``, ``hub.verify_token`` and ``hub.challenge``) echoes the challenge when
the token is the configured one.

Settings (or environment): ``HERALD_META_APP_SECRET``, ``HERALD_META_WEBHOOK_VERIFY_TOKEN``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

from herald.channels.adapters._support import setting
from herald.channels.adapters.base import IncomingItem, malformed
from herald.listening.ingest.pipeline import ingest_batch
from herald.listening.models import Source

logger = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
OBJECTS = {"page": "facebook_page", "instagram": "instagram"}


class WebhookRefused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class WebhookResult:
    entries: int = 0
    stored: int = 0
    skipped: int = 0


def verify_subscription(*, mode: str, token: str, challenge: str) -> str:
    """The challenge to echo if the handshake's token is ours."""
    expected = setting("HERALD_META_WEBHOOK_VERIFY_TOKEN", "")
    if mode != "subscribe" or not expected or not hmac.compare_digest(token, expected):
        raise WebhookRefused(403, "The verify token does not match")
    return challenge


def check_signature(body: bytes, signature: str) -> None:
    secret = setting("HERALD_META_APP_SECRET", "")
    if not secret:
        raise WebhookRefused(503, "No app secret is configured: webhooks are off")
    if not signature.startswith("sha256="):
        raise WebhookRefused(403, "The X-Hub-Signature-256 header is missing")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature[7:].lower(), expected):
        raise WebhookRefused(403, "The signature does not match the body")


def _parse(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        raise WebhookRefused(413, "The body is larger than 1 MB")
    try:
        data = json.loads(body)
    except ValueError:
        raise WebhookRefused(400, "The body is not JSON") from None
    if not isinstance(data, dict) or data.get("object") not in OBJECTS:
        raise WebhookRefused(400, "The body is not a Page or Instagram webhook")
    if not isinstance(data.get("entry"), list):
        raise WebhookRefused(400, "The webhook has no entry list")
    return data


def facebook_item(value: dict[str, Any]) -> IncomingItem | None:
    """A Page feed change that is a comment being added (other changes are not mentions)."""
    if value.get("item") != "comment" or value.get("verb") not in {"add", "edited"}:
        return None
    sender = value.get("from") or {}
    try:
        return IncomingItem(
            remote_id=str(value["comment_id"]),
            text=str(value.get("message") or ""),
            posted_at=datetime.datetime.fromtimestamp(int(value["created_time"]), datetime.UTC),
            author_handle=str(sender.get("id") or ""),
            author_name=str(sender.get("name") or ""),
            kind="reply" if value.get("parent_id") != value.get("post_id") else "comment",
            in_reply_to=str(value.get("parent_id") or ""),
            thread_key=str(value.get("post_id") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return malformed(value.get("comment_id"), "Malformed Facebook comment in a webhook")


def instagram_item(value: dict[str, Any], *, at: datetime.datetime) -> IncomingItem:
    sender, media = value.get("from") or {}, value.get("media") or {}
    if not value.get("id"):
        return malformed("", "Instagram comment in a webhook without an id")
    return IncomingItem(
        remote_id=str(value["id"]),
        text=str(value.get("text") or ""),
        posted_at=at,
        author_handle="@" + str(sender.get("username") or ""),
        kind="reply" if value.get("parent_id") else "comment",
        in_reply_to=str(value.get("parent_id") or ""),
        thread_key=str(media.get("id") or ""),
    )


def _items(network: str, entry: dict[str, Any]) -> list[IncomingItem]:
    at = datetime.datetime.fromtimestamp(int(entry.get("time") or 0), datetime.UTC)
    items: list[IncomingItem] = []
    for change in entry.get("changes") or []:
        value = change.get("value") if isinstance(change, dict) else None
        if not isinstance(value, dict):
            continue
        if network == "facebook_page" and change.get("field") == "feed":
            item = facebook_item(value)
            if item is not None:
                items.append(item)
        elif network == "instagram" and change.get("field") == "comments":
            items.append(instagram_item(value, at=at))
    return items


def _sources(network: str, account_id: str) -> list[Source]:
    return list(
        Source.objects.select_related("connection")
        .filter(
            kind=Source.Kind.OWN_COMMENTS,
            connection__network=network,
            connection__external_id=account_id,
            connection__disconnected_at__isnull=True,
        )
        .exclude(status=Source.Status.PAUSED)
    )


def receive(*, body: bytes, signature: str) -> WebhookResult:
    """Check and store one delivery; WebhookRefused (logged) if it cannot be trusted or read."""
    try:
        check_signature(body, signature)
        data = _parse(body)
    except WebhookRefused as refused:
        logger.warning("Meta webhook refused: %s", refused.reason)
        raise
    network = OBJECTS[data["object"]]
    result = WebhookResult()
    for entry in data["entry"]:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        result.entries += 1
        items = _items(network, entry)
        for source in _sources(network, str(entry["id"])):
            batch = ingest_batch(source=source, items=items)
            result.stored += batch.inserted
            result.skipped += batch.skipped
    return result
