"""What the networks' ``incoming`` implementations share: reading a JSON page safely and
keeping a time cursor (the latest moment seen; the edge is read again and ingestion's uniqueness
keeps it once)."""

from __future__ import annotations

import datetime
from typing import Any

import httpx

from herald.channels.adapters.base import IncomingItem, Permanent


def page(response: httpx.Response, key: str, *, what: str) -> tuple[dict[str, Any], list[Any]]:
    """The body and its list under ``key``; a body that is not that shape is Permanent."""
    try:
        body = response.json()
    except ValueError:
        raise Permanent(f"{what}: the answer was not JSON") from None
    if not isinstance(body, dict):
        raise Permanent(f"{what}: the answer was not a JSON object")
    entries = body.get(key, [])
    if not isinstance(entries, list):
        raise Permanent(f"{what}: the answer's {key} was not a list")
    return body, entries


def since(cursor: dict[str, Any]) -> datetime.datetime | None:
    value = cursor.get("since")
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def newer(items: list[IncomingItem], after: datetime.datetime | None) -> list[IncomingItem]:
    """Items at or after the cursor (malformed ones always, so their skip is recorded)."""
    if after is None:
        return items
    return [item for item in items if item.problem or item.posted_at >= after]


def advanced(items: list[IncomingItem], cursor: dict[str, Any]) -> dict[str, Any]:
    stamps = [item.posted_at for item in items if not item.problem]
    current = since(cursor)
    if current is not None:
        stamps.append(current)
    return {**cursor, "since": max(stamps).isoformat()} if stamps else dict(cursor)
