"""The fake networks of ``herald.channels.fakes`` with residents' comments added, answering the
read endpoints the ``listening`` modules call, in the networks' documented shapes:

- X: ``GET /2/users/:id/mentions`` → ``{"data": [Tweet], "includes": {"users": [User]},
  "meta": {"newest_id", "oldest_id", "result_count", "next_token"}}`` (newest first, ``since_id``,
  ``max_results``, ``pagination_token``);
- YouTube: ``GET /youtube/v3/commentThreads`` → ``{"items": [CommentThread], "nextPageToken"}``;
- Facebook: ``GET /{page}/published_posts`` and ``GET /{post}/comments`` → ``{"data": [...],
  "paging": {...}}``, times as ``2026-12-01T09:30:00+0000``;
- Instagram: ``GET /{ig-user}/media`` and ``GET /{media}/comments`` (with ``replies.data``);
- LinkedIn: ``GET /rest/posts?q=author`` and ``GET /rest/socialActions/{urn}/comments`` →
  ``{"elements": [...], "paging": {...}}``.

Each keeps the comments residents left (``add_comment``) and the parent fake's tokens, rate
limits, error shapes and fault plan, so a lapsed token or a 429 is answered as the network does.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any
from urllib.parse import unquote

import httpx

from herald.channels.fakes._base import json_response
from herald.channels.fakes.facebook import FakeFacebook, graph_error
from herald.channels.fakes.instagram import FakeInstagram
from herald.channels.fakes.linkedin import FakeLinkedIn
from herald.channels.fakes.x import FakeX
from herald.channels.fakes.youtube import FakeYouTube, google_error

_ids = itertools.count(900_000_001)


def _graph_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class FakeXMentions(FakeX):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mentions: list[dict[str, Any]] = []  # oldest first
        self.users: dict[str, dict[str, str]] = {}

    def add_mention(self, text: str, *, username: str = "jo_resident", reply: bool = False) -> str:
        tweet_id = self.next_id()
        user_id = str(abs(hash(username)) % 10**9)
        self.users[user_id] = {"id": user_id, "username": username, "name": username.title()}
        self.mentions.append(
            {
                "id": tweet_id,
                "text": f"@{self.username} {text}",
                "author_id": user_id,
                "conversation_id": tweet_id,
                "lang": "en",
                "created_at": self.clock()
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
                "public_metrics": {
                    "retweet_count": 0,
                    "reply_count": 0,
                    "like_count": 2,
                    "quote_count": 0,
                },
                **({"in_reply_to_user_id": self.user_id} if reply else {}),
            }
        )
        return tweet_id

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        if request.method == "GET" and path == f"/2/users/{self.user_id}/mentions":
            return self._mentions(request.url.params)
        return super()._route(request, path)

    def _mentions(self, params: httpx.QueryParams) -> httpx.Response:
        since = int(params.get("since_id", "0") or 0)
        newest_first = [t for t in reversed(self.mentions) if int(t["id"]) > since]
        start = int(params.get("pagination_token", "0") or 0)
        size = int(params.get("max_results", "10"))
        chosen = newest_first[start : start + size]
        if not chosen:
            return json_response(200, {"meta": {"result_count": 0}})
        meta: dict[str, Any] = {
            "newest_id": chosen[0]["id"],
            "oldest_id": chosen[-1]["id"],
            "result_count": len(chosen),
        }
        if start + size < len(newest_first):
            meta["next_token"] = str(start + size)
        users = [self.users[t["author_id"]] for t in chosen]
        return json_response(200, {"data": chosen, "includes": {"users": users}, "meta": meta})


class FakeYouTubeComments(FakeYouTube):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.threads: list[dict[str, Any]] = []  # oldest first

    def add_comment(self, text: str, *, video_id: str = "dQw4w9WgXcQ", author: str = "Jo") -> str:
        comment_id = f"Ugz{next(_ids)}"
        stamp = self.clock().isoformat().replace("+00:00", "Z")
        snippet = {
            "channelId": self.channel_id,
            "videoId": video_id,
            "textDisplay": text,
            "textOriginal": text,
            "authorDisplayName": author,
            "authorChannelUrl": f"http://www.youtube.com/@{author.lower()}",
            "likeCount": 1,
            "publishedAt": stamp,
            "updatedAt": stamp,
        }
        self.threads.append(
            {
                "kind": "youtube#commentThread",
                "id": comment_id,
                "snippet": {
                    "channelId": self.channel_id,
                    "videoId": video_id,
                    "topLevelComment": {
                        "kind": "youtube#comment",
                        "id": comment_id,
                        "snippet": snippet,
                    },
                    "canReply": True,
                    "totalReplyCount": 0,
                    "isPublic": True,
                },
            }
        )
        return comment_id

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/youtube/v3/commentThreads" and request.method == "GET":
            if not self.authorised(request):
                return self.auth_error(request)
            params = request.url.params
            if params.get("allThreadsRelatedToChannelId") != self.channel_id:
                return google_error(403, "forbidden", "The comment thread could not be retrieved")
            return self._threads(params)
        return super().handle(request)

    def _threads(self, params: httpx.QueryParams) -> httpx.Response:
        size, start = int(params.get("maxResults", "20")), int(params.get("pageToken", "0") or 0)
        newest_first = list(reversed(self.threads))
        body: dict[str, Any] = {
            "kind": "youtube#commentThreadListResponse",
            "items": newest_first[start : start + size],
            "pageInfo": {"totalResults": len(newest_first), "resultsPerPage": size},
        }
        if start + size < len(newest_first):
            body["nextPageToken"] = str(start + size)
        return json_response(200, body)


class FakeFacebookComments(FakeFacebook):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.resident_comments: dict[str, list[dict[str, Any]]] = {}

    def add_comment(
        self, post_id: str, text: str, *, name: str = "Jo Resident", parent_id: str = ""
    ) -> str:
        comment_id = f"{post_id.rsplit('_', maxsplit=1)[-1]}_{next(_ids)}"
        comment: dict[str, Any] = {
            "id": comment_id,
            "message": text,
            "created_time": _graph_time(self.clock()),
            "from": {"id": str(next(_ids)), "name": name},
            "like_count": 0,
            "permalink_url": f"https://www.facebook.com/{post_id}?comment_id={comment_id}",
        }
        if parent_id:
            comment["parent"] = {"id": parent_id}
        self.resident_comments.setdefault(post_id, []).append(comment)
        return comment_id

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        if request.method == "GET" and path == f"{self.page_id}/published_posts":
            posts = [
                {"id": p.id, "created_time": _graph_time(p.created_time)}
                for p in reversed(self.live_posts)
            ]
            return json_response(200, {"data": posts, "paging": {}})
        if request.method == "GET" and path.endswith("/comments"):
            post_id = path.removesuffix("/comments")
            if not any(p.id == post_id for p in self.live_posts):
                return graph_error(400, 100, "Unsupported get request.")
            comments = list(reversed(self.resident_comments.get(post_id, [])))
            return json_response(200, {"data": comments, "paging": {}})
        return super()._route(request, path)


class FakeInstagramComments(FakeInstagram):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.resident_comments: dict[str, list[dict[str, Any]]] = {}

    def add_comment(self, media_id: str, text: str, *, username: str = "jo.resident") -> str:
        comment_id = str(next(_ids))
        self.resident_comments.setdefault(media_id, []).append(
            {
                "id": comment_id,
                "text": text,
                "timestamp": _graph_time(self.clock()),
                "username": username,
                "like_count": 0,
                "replies": {"data": []},
            }
        )
        return comment_id

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        if request.method == "GET" and path == f"{self.ig_user_id}/media":
            media = [
                {
                    "id": m.id,
                    "permalink": f"https://www.instagram.com/p/{m.id}/",
                    "timestamp": _graph_time(m.timestamp),
                }
                for m in reversed(self.live_media)
            ]
            return json_response(200, {"data": media, "paging": {}})
        if request.method == "GET" and path.endswith("/comments"):
            comments = list(
                reversed(self.resident_comments.get(path.removesuffix("/comments"), []))
            )
            return json_response(200, {"data": comments})
        return super()._route(request, path)


class FakeLinkedInComments(FakeLinkedIn):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.resident_comments: dict[str, list[dict[str, Any]]] = {}

    def add_comment(self, post_urn: str, text: str) -> str:
        comment_id = str(next(_ids))
        ms = int(self.clock().timestamp() * 1000)
        actor = f"urn:li:person:{comment_id[-6:]}"
        self.resident_comments.setdefault(post_urn, []).append(
            {
                "id": comment_id,
                "commentUrn": f"urn:li:comment:({post_urn},{comment_id})",
                "actor": actor,
                "object": post_urn,
                "message": {"text": text, "attributes": []},
                "created": {"actor": actor, "time": ms},
                "lastModified": {"actor": actor, "time": ms},
                "likesSummary": {"totalLikes": 0, "likedByCurrentUser": False},
            }
        )
        return comment_id

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:
        params = request.url.params
        if request.method == "GET" and path == "/rest/posts" and params.get("q") == "author":
            posts = [
                {"id": p.urn, "author": p.author}
                for p in reversed(self.live_posts)
                if p.author == params.get("author")
            ]
            return json_response(200, {"elements": posts, "paging": {"count": len(posts)}})
        if request.method == "GET" and path.startswith("/rest/socialActions/"):
            urn = unquote(path.removeprefix("/rest/socialActions/").removesuffix("/comments"))
            comments = list(reversed(self.resident_comments.get(urn, [])))
            return json_response(200, {"elements": comments, "paging": {"count": len(comments)}})
        return super()._route(request, path)
