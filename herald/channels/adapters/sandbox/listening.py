"""What residents say to a Sandbox account: comments on its posts and direct messages to it,
read from ``GET <handle>/incoming`` after the cursor the caller persisted last time."""

from __future__ import annotations

import datetime
from typing import Any

import httpx

from herald.channels.adapters.base import (
    Connection,
    IncomingItem,
    Permanent,
    RateLimitState,
    malformed,
)
from herald.channels.adapters.sandbox import SandboxAdapter


def as_item(data: dict[str, Any]) -> IncomingItem:
    """One entry of the ``incoming`` list (a malformed one is carried as such, to be skipped)."""
    try:
        account = data.get("account") or {}
        return IncomingItem(
            remote_id=str(data["id"]),
            text=str(data.get("text") or ""),
            posted_at=datetime.datetime.fromisoformat(str(data["created_at"])),
            url=str(data.get("url") or ""),
            author_handle=str(account.get("handle") or ""),
            author_name=str(account.get("display_name") or ""),
            kind=str(data.get("kind") or "comment"),
            in_reply_to=str(data.get("in_reply_to_id") or ""),
            thread_key=str(data.get("thread_id") or ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry_id = data.get("id") if isinstance(data, dict) else ""
        return malformed(entry_id, f"Malformed Sandbox item ({type(error).__name__})")


class SandboxListening:
    network = "sandbox"

    def __init__(self, client: httpx.Client) -> None:
        self.adapter = SandboxAdapter(client)

    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        since = int(cursor.get("since", 0) or 0)
        response = self.adapter._call(
            connection,
            "GET",
            "incoming",
            write=False,
            what="Reading residents' comments and messages",
            params={"since": since, "limit": limit},
        )
        try:
            body = response.json()
            entries, next_since = list(body["items"]), int(body["next_since"])
        except (ValueError, KeyError, TypeError):
            raise Permanent("The Sandbox's answer was not the expected JSON") from None
        return [as_item(entry) for entry in entries], {"since": next_since}

    def last_rate_limit(self) -> RateLimitState:
        return self.adapter.last_rate_limit()


def make(client: httpx.Client) -> SandboxListening:
    return SandboxListening(client)
