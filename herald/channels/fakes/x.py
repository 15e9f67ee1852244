"""A stateful fake of the X API v2 endpoints Herald uses (``httpx.MockTransport`` handler).

Models: OAuth 2.0 access tokens that expire (2 hours) and rotating refresh tokens; the
``x-rate-limit-*`` headers on every answer and a 429 when the 15-minute bucket is empty; the
403 "duplicate content" refusal for identical text; media upload + alt text metadata; snowflake
string ids; the fault plan of ``_base.FakeNetwork``.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import httpx

from herald.channels.fakes._base import FakeNetwork, json_response

TOKEN_LIFETIME = datetime.timedelta(hours=2)


@dataclass
class FakeTweet:
    id: str
    text: str
    author_id: str
    created_at: datetime.datetime
    media_ids: list[str] = field(default_factory=list)
    in_reply_to: str | None = None
    deleted: bool = False
    public_metrics: dict[str, int] = field(
        default_factory=lambda: {
            "retweet_count": 2,
            "reply_count": 1,
            "like_count": 7,
            "quote_count": 0,
            "bookmark_count": 0,
            "impression_count": 120,
        }
    )


@dataclass
class FakeMedia:
    id: str
    content_type: str
    size: int
    alt_text: str = ""
    chunks: int = 0


class FakeX(FakeNetwork):
    def __init__(
        self, *, user_id: str = "2244994945", username: str = "aldermoorcc", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.user_id = user_id
        self.username = username
        self.client_id = "fake-client-id"
        self.tweets: dict[str, FakeTweet] = {}
        self.media: dict[str, FakeMedia] = {}
        self._ids = itertools.count(1860000000000000000 + 1)
        self.bucket_limits = {
            "POST /2/tweets": (200, 900),
            "DELETE /2/tweets": (50, 900),
            "GET": (900, 900),
        }

    # --- credentials --------------------------------------------------------------------------
    def credentials(self) -> dict[str, str]:
        """A fresh access + refresh token pair, as a connection would hold them."""
        return {
            "access_token": self.issue_token(lifetime=TOKEN_LIFETIME),
            "refresh_token": self.issue_refresh_token(),
            "client_id": self.client_id,
        }

    def next_id(self) -> str:
        return str(next(self._ids))

    @property
    def live_tweets(self) -> list[FakeTweet]:
        return [tweet for tweet in self.tweets.values() if not tweet.deleted]

    # --- error shapes -------------------------------------------------------------------------
    def _headers(self, bucket_name: str) -> dict[str, str]:
        bucket = self.buckets.get(bucket_name)
        if bucket is None:
            return {}
        return {
            "x-rate-limit-limit": str(bucket.limit),
            "x-rate-limit-remaining": str(bucket.remaining),
            "x-rate-limit-reset": str(int(bucket.reset_at.timestamp())),
        }

    def server_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(
            503,
            {
                "title": "Service Unavailable",
                "detail": "Service Unavailable",
                "type": "about:blank",
                "status": 503,
            },
        )

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        reset = int(self.clock().timestamp()) + retry_after
        return json_response(
            429,
            {
                "title": "Too Many Requests",
                "detail": "Too Many Requests",
                "type": "about:blank",
                "status": 429,
            },
            {
                "x-rate-limit-limit": "200",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(reset),
            },
        )

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        return json_response(
            401,
            {
                "title": "Unauthorized",
                "type": "about:blank",
                "status": 401,
                "detail": "Unauthorized",
            },
        )

    # --- routes -------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/2/oauth2/token":
            return self._token(request)
        if not self.authorised(request):
            return self.auth_error(request)
        bucket_name = (
            f"{request.method} /2/tweets"
            if path.startswith("/2/tweets") and request.method != "GET"
            else "GET"
        )
        counted = request.method == "GET" or path.startswith("/2/tweets")
        if counted and self.consume(bucket_name) is None:
            bucket = self.buckets[bucket_name]
            return self.rate_limited(request, int((bucket.reset_at - self.clock()).total_seconds()))
        headers = self._headers(bucket_name)
        response = self._route(request, path)
        response.headers.update(headers)
        return response

    def _route(self, request: httpx.Request, path: str) -> httpx.Response:  # noqa: PLR0911, PLR0912
        method = request.method
        if method == "POST" and path == "/2/media/upload":
            return self._upload(request)
        if method == "POST" and path == "/2/media/upload/initialize":
            body = self.body_json(request)
            media = FakeMedia(
                self.next_id(), str(body.get("media_type")), int(body.get("total_bytes", 0))
            )
            self.media[media.id] = media
            return json_response(
                200,
                {
                    "data": {
                        "id": media.id,
                        "media_key": f"7_{media.id}",
                        "expires_after_secs": 86400,
                    }
                },
            )
        if match := re.fullmatch(r"/2/media/upload/(\d+)/(append|finalize)", path):
            found = self.media.get(match[1])
            if found is None:
                return json_response(
                    400, {"title": "Invalid Request", "detail": "Unknown media id", "status": 400}
                )
            if match[2] == "append":
                found.chunks += 1
                return httpx.Response(200)
            return json_response(
                200,
                {
                    "data": {
                        "id": found.id,
                        "media_key": f"7_{found.id}",
                        "size": found.size,
                        "expires_after_secs": 86400,
                        "processing_info": {"state": "succeeded", "progress_percent": 100},
                    }
                },
            )
        if method == "POST" and path == "/2/media/metadata":
            body = self.body_json(request)
            target = self.media.get(str(body.get("id")))
            if target is None:
                return json_response(
                    400, {"title": "Invalid Request", "detail": "Unknown media id", "status": 400}
                )
            target.alt_text = body["metadata"]["alt_text"]["text"]
            return json_response(
                200, {"data": {"id": target.id, "associated_metadata": body["metadata"]}}
            )
        if method == "POST" and path == "/2/tweets":
            return self._create(request)
        if match := re.fullmatch(r"/2/tweets/(\d+)", path):
            tweet = self.tweets.get(match[1])
            if tweet is None or tweet.deleted:
                return json_response(
                    404,
                    {
                        "title": "Not Found Error",
                        "detail": f"Could not find tweet with id: [{match[1]}].",
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                        "status": 404,
                    },
                )
            if method == "DELETE":
                tweet.deleted = True
                return json_response(200, {"data": {"deleted": True}})
            return json_response(
                200,
                {
                    "data": {
                        "id": tweet.id,
                        "text": tweet.text,
                        "edit_history_tweet_ids": [tweet.id],
                        "public_metrics": tweet.public_metrics,
                    }
                },
            )
        if method == "GET" and path == f"/2/users/{self.user_id}/tweets":
            limit = int(request.url.params.get("max_results", "10"))
            newest = sorted(self.live_tweets, key=lambda t: int(t.id), reverse=True)[:limit]
            data = [
                {
                    "id": t.id,
                    "text": t.text,
                    "edit_history_tweet_ids": [t.id],
                    "created_at": t.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                }
                for t in newest
            ]
            meta: dict[str, Any] = {"result_count": len(data)}
            if data:
                meta |= {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"]}
                return json_response(200, {"data": data, "meta": meta})
            return json_response(200, {"meta": meta})
        if method == "GET" and path == "/2/users/me":
            return json_response(
                200,
                {
                    "data": {
                        "id": self.user_id,
                        "name": "Aldermoor Council",
                        "username": self.username,
                    }
                },
            )
        return json_response(
            404, {"title": "Not Found", "detail": f"No route {method} {path}", "status": 404}
        )

    def _upload(self, request: httpx.Request) -> httpx.Response:
        fields = self.multipart_fields(request)
        if "media" not in fields:
            return json_response(
                400, {"title": "Invalid Request", "detail": "media is required", "status": 400}
            )
        content_type = fields.get("media_type", b"image/jpeg").decode()
        media = FakeMedia(self.next_id(), content_type, len(fields["media"]))
        self.media[media.id] = media
        return json_response(
            200,
            {
                "data": {
                    "id": media.id,
                    "media_key": f"3_{media.id}",
                    "size": media.size,
                    "expires_after_secs": 86400,
                    "image": {"image_type": content_type, "w": 1, "h": 1},
                }
            },
        )

    def _create(self, request: httpx.Request) -> httpx.Response:
        body = self.body_json(request)
        text = str(body.get("text", ""))
        if not text and not body.get("media"):
            return json_response(
                400,
                {
                    "title": "Invalid Request",
                    "detail": "One or more parameters to your request was invalid.",
                    "type": "https://api.twitter.com/2/problems/invalid-request",
                    "status": 400,
                },
            )
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if reply_to is None and any(
            t.text == text and t.in_reply_to is None for t in self.live_tweets
        ):
            return json_response(
                403,
                {
                    "detail": "You are not allowed to create a Tweet with duplicate content.",
                    "type": "about:blank",
                    "title": "Forbidden",
                    "status": 403,
                },
            )
        media_ids = [str(m) for m in (body.get("media") or {}).get("media_ids", [])]
        for media_id in media_ids:
            if media_id not in self.media:
                return json_response(
                    400,
                    {
                        "title": "Invalid Request",
                        "detail": f"Your media IDs are invalid: [{media_id}]",
                        "status": 400,
                    },
                )
        tweet = FakeTweet(self.next_id(), text, self.user_id, self.clock(), media_ids, reply_to)
        self.tweets[tweet.id] = tweet
        return json_response(
            201,
            {"data": {"id": tweet.id, "text": tweet.text, "edit_history_tweet_ids": [tweet.id]}},
        )

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = self.form(request)
        refresh = form.get("refresh_token", "")
        if form.get("grant_type") != "refresh_token" or refresh not in self.refresh_tokens:
            return json_response(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "Value passed for the token was invalid.",
                },
            )
        del self.refresh_tokens[refresh]  # rotation: each refresh token works once
        return json_response(
            200,
            {
                "token_type": "bearer",
                "expires_in": int(TOKEN_LIFETIME.total_seconds()),
                "access_token": self.issue_token(lifetime=TOKEN_LIFETIME),
                "scope": "tweet.read tweet.write users.read media.write offline.access",
                "refresh_token": self.issue_refresh_token(),
            },
        )
