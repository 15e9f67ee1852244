"""YouTube: comments on the channel's videos (``GET /youtube/v3/commentThreads`` with
``allThreadsRelatedToChannelId``, newest first, with up to five replies each). The cursor is the
latest ``publishedAt`` seen; pages are read until they are older than it."""

from __future__ import annotations

import datetime
from typing import Any

import httpx

from herald.channels.adapters._listening import advanced, newer, page, since
from herald.channels.adapters.base import Connection, IncomingItem, malformed
from herald.channels.adapters.youtube.adapter import YouTubeAdapter

MAX_PAGES = 5


def comment_item(comment: Any, *, video_id: str, parent: str = "") -> IncomingItem:
    try:
        snippet = comment["snippet"]
        return IncomingItem(
            remote_id=str(comment["id"]),
            text=str(snippet.get("textOriginal") or snippet.get("textDisplay") or ""),
            posted_at=datetime.datetime.fromisoformat(str(snippet["publishedAt"])),
            url=f"https://www.youtube.com/watch?v={video_id}&lc={comment['id']}",
            author_handle=str(snippet.get("authorChannelUrl") or ""),
            author_name=str(snippet.get("authorDisplayName") or ""),
            kind="reply" if parent else "comment",
            in_reply_to=parent,
            thread_key=video_id,
            likes=int(snippet.get("likeCount") or 0),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        entry = comment.get("id") if isinstance(comment, dict) else ""
        return malformed(entry, f"Malformed YouTube comment ({type(error).__name__})")


def thread_items(thread: Any) -> list[IncomingItem]:
    try:
        top = thread["snippet"]["topLevelComment"]
        video_id = str(thread["snippet"].get("videoId") or "")
    except (KeyError, TypeError):
        return [
            malformed(
                thread.get("id") if isinstance(thread, dict) else "",
                "Malformed YouTube comment thread",
            )
        ]
    items = [comment_item(top, video_id=video_id)]
    for reply in (thread.get("replies") or {}).get("comments", []):
        items.append(comment_item(reply, video_id=video_id, parent=str(top.get("id", ""))))
    return items


class YouTubeListening(YouTubeAdapter):
    def incoming(
        self, connection: Connection, *, cursor: dict[str, Any], limit: int = 100
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        after = since(cursor)
        found: list[IncomingItem] = []
        token = ""
        for _ in range(MAX_PAGES):
            params: dict[str, str | int] = {
                "part": "snippet,replies",
                "allThreadsRelatedToChannelId": connection.external_id,
                "order": "time",
                "maxResults": max(1, min(limit, 100)),
                "textFormat": "plainText",
            }
            if token:
                params["pageToken"] = token
            what = "Reading YouTube comments"
            response = self._call(
                connection,
                "GET",
                self._url(connection, "/youtube/v3/commentThreads"),
                what=what,
                headers=self._auth(connection),
                params=params,
            )
            body, threads = page(response, "items", what=what)
            batch = [item for thread in threads for item in thread_items(thread)]
            found.extend(newer(batch, after))
            token = str(body.get("nextPageToken") or "")
            if not token or len(newer(batch, after)) < len(batch):
                break
        return found, advanced(found, cursor)


def make(client: httpx.Client) -> YouTubeListening:
    return YouTubeListening(client)
