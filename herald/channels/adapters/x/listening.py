"""X: mentions of the council's account (``GET /2/users/:id/mentions``), which include replies
to its posts. Paged with ``since_id`` and ``pagination_token``: while a backlog is being paged
the cursor keeps the old ``since_id`` and the token, and only when the last page is read does
``since_id`` move to the newest id seen, so nothing between pages is skipped."""

from __future__ import annotations

import datetime
from typing import Any

import httpx

from herald.channels.adapters._listening import page
from herald.channels.adapters.base import Connection, IncomingItem, malformed
from herald.channels.adapters.x.adapter import XAdapter

FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,lang,public_metrics"


def tweet_item(tweet: Any, users: dict[str, dict[str, Any]], own_id: str) -> IncomingItem:
    try:
        user = users.get(str(tweet["author_id"]), {})
        metrics = tweet.get("public_metrics") or {}
        replying = tweet.get("in_reply_to_user_id") == own_id
        return IncomingItem(
            remote_id=str(tweet["id"]),
            text=str(tweet["text"]),
            posted_at=datetime.datetime.fromisoformat(str(tweet["created_at"])),
            url=f"https://x.com/{user.get('username', 'i')}/status/{tweet['id']}",
            author_handle="@" + str(user.get("username") or tweet["author_id"]),
            author_name=str(user.get("name") or ""),
            kind="reply" if replying else "mention",
            thread_key=str(tweet.get("conversation_id") or ""),
            language=str(tweet.get("lang") or ""),
            likes=int(metrics.get("like_count") or 0),
            shares=int(metrics.get("retweet_count") or 0) + int(metrics.get("quote_count") or 0),
            replies=int(metrics.get("reply_count") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = tweet.get("id") if isinstance(tweet, dict) else ""
        return malformed(entry, f"Malformed X post ({type(error).__name__})")


class XListening(XAdapter):
    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        params: dict[str, str | int] = {
            "max_results": max(5, min(limit, 100)),
            "tweet.fields": FIELDS,
            "expansions": "author_id",
            "user.fields": "username,name",
        }
        if cursor.get("since_id"):
            params["since_id"] = str(cursor["since_id"])
        if cursor.get("pagination_token"):
            params["pagination_token"] = str(cursor["pagination_token"])
        what = "Reading mentions on X"
        response = self._call(
            connection,
            "GET",
            self._url(connection, f"/2/users/{connection.external_id}/mentions"),
            what=what,
            headers=self._auth(connection),
            params=params,
        )
        body, tweets = page(response, "data", what=what)
        users = {str(u.get("id")): u for u in (body.get("includes") or {}).get("users", [])}
        items = [tweet_item(tweet, users, connection.external_id) for tweet in tweets]
        return items, _next(cursor, body.get("meta") or {})


def _next(cursor: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    newest = str(cursor.get("pending_newest") or meta.get("newest_id") or "")
    if meta.get("next_token"):
        return {
            "since_id": cursor.get("since_id", ""),
            "pagination_token": meta["next_token"],
            "pending_newest": newest,
        }
    return {"since_id": newest or cursor.get("since_id", "")}


def make(client: httpx.Client) -> XListening:
    return XListening(client)
