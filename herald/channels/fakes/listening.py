"""Fake servers for listening's own feeds, in the documented response shapes:

- ``FakeMastodonListening``: ``GET /api/v1/timelines/tag/:tag``, ``GET /api/v2/search``
  (``type=statuses``) and ``GET /api/v1/notifications`` answering Status / Notification
  entities, paged with ``min_id`` (the page just after it, newest first within the page) and
  ``limit``; 401 ``{"error": "The access token is invalid"}``; 429 with ``X-RateLimit-*``; and
  the streaming API's server-sent events (``GET /api/v1/streaming/hashtag?tag=``,
  ``GET /api/v1/streaming/user/notification``): a heartbeat comment, then ``update`` /
  ``notification`` events for what the channel has not yet been sent and ``delete`` events for
  ``delete_status``; then the server ends the stream (``stream_body`` replaces the events).
- ``FakeBlueskyListening``: ``app.bsky.feed.searchPosts`` (``q``, ``since``, ``sort=latest``)
  answering ``{"posts": [PostView], "cursor"}`` and ``app.bsky.notification.listNotifications``;
  errors as XRPC ``{"error": …, "message": …}`` (400 ``ExpiredToken``, 429 ``RateLimitExceeded``).
- ``FakeNewsFeed``: an RSS 2.0 document with ``ETag``/``Last-Modified`` and 304 on a matching
  conditional GET; ``body`` can be replaced to serve a malformed feed.

Faults queue on ``fake.faults`` as in ``herald.channels.fakes._base``.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import itertools
import json
from typing import Any
from xml.sax.saxutils import escape

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response


class FakeMastodonListening(FakeNetwork):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ids = itertools.count(110_000_000_000_000_001)
        self.statuses: list[dict[str, Any]] = []  # oldest first
        self.notifications: list[dict[str, Any]] = []
        self.deleted: list[str] = []
        self.streamed: dict[str, set[str]] = {}  # channel -> ids already sent on it
        self.stream_body: bytes | None = None
        self.token = self.issue_token()

    def delete_status(self, status_id: str) -> None:
        self.deleted.append(status_id)

    def add_status(
        self,
        text: str,
        *,
        tags: tuple[str, ...] = (),
        acct: str = "resident@town.example",
        language: str = "en",
        mention: bool = False,
        reblog: bool = False,
    ) -> dict[str, Any]:
        status_id = str(next(self._ids))
        created = self.clock().isoformat().replace("+00:00", "Z")
        account = {
            "id": "1",
            "username": acct.split("@", maxsplit=1)[0],
            "acct": acct,
            "display_name": acct.split("@", maxsplit=1)[0].title(),
            "url": f"https://town.example/@{acct}",
        }
        status: dict[str, Any] = {
            "id": status_id,
            "created_at": created,
            "in_reply_to_id": None,
            "in_reply_to_account_id": None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": "public",
            "language": language,
            "uri": f"https://town.example/users/x/statuses/{status_id}",
            "url": f"https://town.example/@x/{status_id}",
            "replies_count": 0,
            "reblogs_count": 2,
            "favourites_count": 5,
            "content": f"<p>{escape(text)}</p>",
            "reblog": None,
            "account": account,
            "media_attachments": [],
            "mentions": [],
            "tags": [{"name": tag, "url": f"https://town.example/tags/{tag}"} for tag in tags],
        }
        if reblog:
            status = {**status, "content": "", "reblog": {**status}}
        self.statuses.append(status)
        if mention:
            self.notifications.append(
                {
                    "id": str(next(self._ids)),
                    "type": "mention",
                    "created_at": created,
                    "account": account,
                    "status": status,
                }
            )
        return status

    def server_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(503, {"error": "Service Unavailable"})

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        reset = (self.clock() + datetime.timedelta(seconds=retry_after)).isoformat()
        return json_response(
            429,
            {"error": "Too many requests"},
            {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
        )

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(401, {"error": "The access token is invalid"})

    def _event_stream(self, channel: str, entries: list[dict[str, Any]], event: str) -> bytes:
        sent = self.streamed.setdefault(channel, set())
        lines = [":)\n\n"]
        for entry in entries:
            if entry["id"] not in sent:
                sent.add(entry["id"])
                lines.append(f"event: {event}\ndata: {json.dumps(entry)}\n\n")
        lines += [f"event: delete\ndata: {status_id}\n\n" for status_id in self.deleted]
        return "".join(lines).encode()

    def stream(self, request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/event-stream"}
        if self.stream_body is not None:
            return httpx.Response(200, content=self.stream_body, headers=headers)
        if request.url.path == "/api/v1/streaming/hashtag":
            tag = request.url.params.get("tag", "").lower()
            found = [s for s in self.statuses if tag in {t["name"].lower() for t in s["tags"]}]
            body = self._event_stream(f"tag:{tag}", found, "update")
        else:
            body = self._event_stream("notifications", self.notifications, "notification")
        return httpx.Response(200, content=body, headers=headers)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        public = ("/api/v1/timelines/tag/", "/api/v1/streaming/hashtag")
        needs_token = not path.startswith(public)
        if needs_token and not self.authorised(request):
            return self.auth_error(request)
        if path in {"/api/v1/streaming/hashtag", "/api/v1/streaming/user/notification"}:
            return self.stream(request)
        if path.startswith("/api/v1/timelines/tag/"):
            tag = path.rsplit("/", 1)[-1].lower()
            found = [s for s in self.statuses if tag in {t["name"].lower() for t in s["tags"]}]
        elif path == "/api/v2/search":
            words = params.get("q", "").lower()
            found = [
                s
                for s in self.statuses
                if words in (s["content"] or s["reblog"]["content"]).lower()
            ]
            return json_response(
                200, {"accounts": [], "hashtags": [], "statuses": _page(found, params)}
            )
        elif path == "/api/v1/notifications":
            found = self.notifications
        else:
            return json_response(404, {"error": "Record not found"})
        return json_response(200, _page(found, params))


def _page(entries: list[dict[str, Any]], params: httpx.QueryParams) -> list[dict[str, Any]]:
    """Mastodon's paging: with ``min_id`` the ``limit`` entries just after it; newest first."""
    limit = int(params.get("limit", "20"))
    after = int(params.get("min_id", "0") or 0)
    newer = [entry for entry in entries if int(entry["id"]) > after]
    chosen = newer[:limit] if after else newer[-limit:]
    return list(reversed(chosen))


class FakeBlueskyListening(FakeNetwork):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.posts: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.token = self.issue_token()
        self._n = itertools.count(1)

    def add_post(
        self,
        text: str,
        *,
        handle: str = "resident.bsky.social",
        langs: tuple[str, ...] = ("en",),
        reason: str = "",
    ) -> dict[str, Any]:
        number = next(self._n)
        stamp = (self.clock() + datetime.timedelta(milliseconds=number)).isoformat()
        stamp = stamp.replace("+00:00", "Z")
        did = f"did:plc:{hashlib.sha1(handle.encode()).hexdigest()[:24]}"  # noqa: S324 - a fake id
        view = {
            "uri": f"at://{did}/app.bsky.feed.post/3kq{number:06d}",
            "cid": f"bafyrei{number:020d}",
            "author": {
                "did": did,
                "handle": handle,
                "displayName": handle.split(".", maxsplit=1)[0].title(),
            },
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                "createdAt": stamp,
                "langs": list(langs),
            },
            "replyCount": 0,
            "repostCount": 1,
            "likeCount": 3,
            "indexedAt": stamp,
        }
        self.posts.append(view)
        if reason:
            self.notifications.append({**view, "reason": reason, "isRead": False})
        return view

    def server_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(502, {"error": "UpstreamFailure", "message": "Upstream Failure"})

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        reset = int(self.clock().timestamp()) + retry_after
        return json_response(
            429,
            {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
            {"ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)},
        )

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(400, {"error": "ExpiredToken", "message": "Token has expired"})

    def handle(self, request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        if not self.authorised(request):
            return json_response(
                401, {"error": "AuthMissing", "message": "Authentication Required"}
            )
        if path.endswith("app.bsky.feed.searchPosts"):
            words, since = params.get("q", "").lower(), params.get("since", "")
            found = [
                p
                for p in self.posts
                if words in p["record"]["text"].lower() and p["indexedAt"] >= since
            ]
            limit = int(params.get("limit", "25"))
            return json_response(200, {"posts": list(reversed(found))[:limit]})
        if path.endswith("app.bsky.notification.listNotifications"):
            return json_response(200, {"notifications": list(reversed(self.notifications))})
        return json_response(
            400, {"error": "MethodNotImplemented", "message": "Method Not Implemented"}
        )


class FakeNewsFeed(FakeNetwork):
    def __init__(self, *, title: str = "Aldermoor Gazette", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.items: list[tuple[str, str, str, datetime.datetime]] = []  # guid, title, text, when
        self.body: bytes | None = None  # set to serve this instead of the feed

    def add_item(self, title: str, description: str = "") -> str:
        guid = f"https://gazette.example/news/{len(self.items) + 1}"
        self.items.append((guid, title, description, self.clock()))
        return guid

    def document(self) -> bytes:
        if self.body is not None:
            return self.body
        entries = "".join(
            f"<item><title>{escape(title)}</title><link>{guid}</link><guid>{guid}</guid>"
            f"<description>{escape(text)}</description>"
            f"<pubDate>{email.utils.format_datetime(when)}</pubDate></item>"
            for guid, title, text, when in self.items
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(self.title)}</title><link>https://gazette.example/</link>"
            f"<description>Local news</description><language>en-gb</language>{entries}"
            "</channel></rss>"
        ).encode()

    def server_error(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="Service Unavailable")

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": str(retry_after)}, text="Slow down")

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, text="Unauthorized")

    def handle(self, request: httpx.Request) -> httpx.Response:
        body = self.document()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = email.utils.format_datetime(
            max((when for *_, when in self.items), default=self.clock()), usegmt=True
        )
        if request.headers.get("if-none-match") == etag:
            return httpx.Response(304, headers={"ETag": etag, "Last-Modified": modified})
        headers = {"ETag": etag, "Last-Modified": modified, "Content-Type": "application/rss+xml"}
        return httpx.Response(200, headers=headers, content=body)
