"""A stateful fake Mastodon instance as an ``httpx.MockTransport`` handler.

Models what the adapter relies on, with responses in the documented shapes (Status and
MediaAttachment entities, ``{"error": ...}`` errors):

- ``Idempotency-Key`` on ``POST /api/v1/statuses``: the same key from the same token within an
  hour returns the first status, and creates nothing;
- media processing: images answer 200, videos 202 and then ``GET /api/v1/media/:id`` 206 once
  before the ``url`` is set;
- ``X-RateLimit-Limit/Remaining/Reset`` (ISO 8601) on every response, 300 requests per 5 minutes
  per token, then 429;
- tokens that can be revoked or expired (401 ``The access token is invalid``) and refreshed with
  ``POST /oauth/token`` when the app was given a refresh token.

``statuses`` holds every status ever created (deleted ones flagged), so a test counts duplicates
on the server's side. Faults go in front with ``herald.channels.fakes.faults.with_faults``.
"""

from __future__ import annotations

import datetime
import html
import itertools
import json
import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import httpx

UTC = datetime.UTC
IDEMPOTENCY_TTL = datetime.timedelta(hours=1)
RATE_LIMIT = 300
RATE_WINDOW = datetime.timedelta(minutes=5)


class FakeMastodon:
    def __init__(
        self,
        *,
        host: str = "https://social.example",
        clock: Callable[[], datetime.datetime] | None = None,
        rate_limit: int = RATE_LIMIT,
    ) -> None:
        self.host = host.rstrip("/")
        self.clock = clock or (lambda: datetime.datetime.now(UTC))
        self.rate_limit = rate_limit
        self._ids = itertools.count(109_000_000_000_000_000)
        self._lock = threading.RLock()
        self.accounts: dict[str, dict[str, Any]] = {}  # account id -> account entity
        self.tokens: dict[str, str] = {}  # access token -> account id
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> account id
        self.statuses: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[tuple[str, str], tuple[str, datetime.datetime]] = {}
        self.windows: dict[str, tuple[datetime.datetime, int]] = {}
        self.requests: list[tuple[str, str]] = []

    # -- set-up used by tests ----------------------------------------------------------------
    def add_account(self, username: str) -> dict[str, str]:
        """A new account; returns its id and credentials (access and refresh token)."""
        with self._lock:
            account_id = str(next(self._ids))
            self.accounts[account_id] = {
                "id": account_id,
                "username": username,
                "acct": username,
                "display_name": username.title(),
                "url": f"{self.host}/@{username}",
                "created_at": self.clock().isoformat(),
            }
            return {"id": account_id, **self._issue(account_id)}

    def _issue(self, account_id: str) -> dict[str, str]:
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        self.tokens[access] = account_id
        self.refresh_tokens[refresh] = account_id
        return {"access_token": access, "refresh_token": refresh}

    def revoke(self, request: httpx.Request | None = None, *, token: str = "") -> None:
        """The token in ``request`` (or ``token``) stops working, as an expired one would."""
        if request is not None:
            token = request.headers.get("authorization", "")[7:]
        with self._lock:
            self.tokens.pop(token, None)

    def live_statuses(self, account_id: str | None = None) -> list[dict[str, Any]]:
        return [
            s
            for s in self.statuses.values()
            if not s.get("_deleted") and (account_id is None or s["account"]["id"] == account_id)
        ]

    # -- the handler ----------------------------------------------------------------------------
    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append((request.method, request.url.path))
            return self._handle(request)

    def _error(self, status: int, message: str, **headers: str) -> httpx.Response:
        return httpx.Response(status, json={"error": message}, headers=headers)

    def _rate_headers(self, token: str) -> tuple[dict[str, str], bool]:
        now = self.clock()
        start, used = self.windows.get(token, (now, 0))
        if now - start >= RATE_WINDOW:
            start, used = now, 0
        used += 1
        self.windows[token] = (start, used)
        reset = start + RATE_WINDOW
        headers = {
            "X-RateLimit-Limit": str(self.rate_limit),
            "X-RateLimit-Remaining": str(max(self.rate_limit - used, 0)),
            "X-RateLimit-Reset": reset.isoformat().replace("+00:00", "Z"),
        }
        return headers, used > self.rate_limit

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        if path == "/oauth/token" and method == "POST":
            form = {k: v[0] for k, v in parse_qs(request.read().decode()).items()}
            account_id = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if form.get("grant_type") != "refresh_token" or account_id is None:
                return httpx.Response(
                    400,
                    json={
                        "error": "invalid_grant",
                        "error_description": "The provided authorization grant is invalid",
                    },
                )
            issued = self._issue(account_id)
            return httpx.Response(
                200,
                json={
                    **issued,
                    "token_type": "Bearer",
                    "scope": "read write",
                    "created_at": int(self.clock().timestamp()),
                },
            )
        token = request.headers.get("authorization", "")[7:]
        account_id = self.tokens.get(token)
        if account_id is None:
            return self._error(401, "The access token is invalid")
        headers, limited = self._rate_headers(token)
        if limited:
            retry = max(
                int((self.windows[token][0] + RATE_WINDOW - self.clock()).total_seconds()), 1
            )
            return self._error(429, "Too many requests", **headers, **{"Retry-After": str(retry)})
        response = self._route(request, method, path, account_id)
        response.headers.update(headers)
        return response

    def _route(  # noqa: PLR0911, PLR0912 - one endpoint per branch
        self, request: httpx.Request, method: str, path: str, account_id: str
    ) -> httpx.Response:
        parts = path.strip("/").split("/")
        if path == "/api/v1/accounts/verify_credentials" and method == "GET":
            return httpx.Response(200, json=self.accounts[account_id])
        if path == "/api/v2/media" and method == "POST":
            return self._upload(request)
        if parts[:3] == ["api", "v1", "media"] and len(parts) == 4 and method == "GET":
            media = self.media.get(parts[3])
            if media is None:
                return self._error(404, "Record not found")
            if media["_polls"] > 0:
                media["_polls"] -= 1
                return httpx.Response(206, json=_public(media, url=None))
            return httpx.Response(200, json=_public(media))
        if path == "/api/v1/statuses" and method == "POST":
            return self._create(request, account_id)
        if parts[:3] == ["api", "v1", "statuses"] and len(parts) == 4:
            status = self.statuses.get(parts[3])
            if status is None or status.get("_deleted"):
                return self._error(404, "Record not found")
            if method == "GET":
                return httpx.Response(200, json=_public(status))
            if method == "DELETE":
                if status["account"]["id"] != account_id:
                    return self._error(403, "This action is not allowed")
                status["_deleted"] = True
                return httpx.Response(200, json={**_public(status), "text": status["_text"]})
        if parts[:3] == ["api", "v1", "accounts"] and len(parts) == 5 and parts[4] == "statuses":
            limit = min(int(request.url.params.get("limit", "20")), 40)
            mine = sorted(self.live_statuses(parts[3]), key=lambda s: int(s["id"]), reverse=True)
            if request.url.params.get("exclude_replies") == "true":
                mine = [s for s in mine if not s["in_reply_to_id"]]
            return httpx.Response(200, json=[_public(s) for s in mine[:limit]])
        return self._error(404, "Record not found")

    def _upload(self, request: httpx.Request) -> httpx.Response:
        content_type = request.headers.get("content-type", "")
        body = request.read()
        description = ""
        marker = b'name="description"\r\n\r\n'
        if marker in body:
            description = body.split(marker, 1)[1].split(b"\r\n--", 1)[0].decode()
        is_video = b"Content-Type: video/" in body
        if "multipart/form-data" not in content_type or b'name="file"' not in body:
            return self._error(422, "Validation failed: File can't be blank")
        media_id = str(next(self._ids))
        media: dict[str, Any] = {
            "id": media_id,
            "type": "video" if is_video else "image",
            "url": f"{self.host}/system/media_attachments/{media_id}/original.bin",
            "preview_url": f"{self.host}/system/media_attachments/{media_id}/small.bin",
            "remote_url": None,
            "text_url": None,
            "meta": {},
            "description": description or None,
            "blurhash": None,
            "_polls": 1 if is_video else 0,
        }
        self.media[media_id] = media
        if is_video:
            return httpx.Response(202, json=_public(media, url=None))
        return httpx.Response(200, json=_public(media))

    def _create(self, request: httpx.Request, account_id: str) -> httpx.Response:  # noqa: PLR0911
        token = request.headers.get("authorization", "")[7:]
        key = request.headers.get("idempotency-key", "")
        now = self.clock()
        if key:
            seen = self.idempotency.get((token, key)) or self.idempotency.get((account_id, key))
            if seen is not None and now - seen[1] < IDEMPOTENCY_TTL:
                return httpx.Response(200, json=_public(self.statuses[seen[0]]))
        try:
            data = json.loads(request.read() or b"{}")
        except ValueError:
            return self._error(422, "Validation failed: Text can't be blank")
        text = str(data.get("status", ""))
        media_ids = [str(m) for m in data.get("media_ids", [])]
        if not text.strip() and not media_ids:
            return self._error(422, "Validation failed: Text can't be blank")
        if len(text) > 500:
            return self._error(422, "Validation failed: Text character limit of 500 exceeded")
        if any(m not in self.media for m in media_ids):
            return self._error(422, "Validation failed: Media attachment not found")
        reply_to = data.get("in_reply_to_id")
        if reply_to and reply_to not in self.statuses:
            return self._error(404, "Record not found")
        status_id = str(next(self._ids))
        account = self.accounts[account_id]
        status = {
            "id": status_id,
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "in_reply_to_id": reply_to,
            "in_reply_to_account_id": account_id if reply_to else None,
            "sensitive": False,
            "spoiler_text": "",
            "visibility": data.get("visibility", "public"),
            "language": "en",
            "uri": f"{self.host}/users/{account['username']}/statuses/{status_id}",
            "url": f"{self.host}/@{account['username']}/{status_id}",
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
            "content": _html(text),
            "reblog": None,
            "application": {"name": "Herald", "website": None},
            "account": account,
            "media_attachments": [_public(self.media[m]) for m in media_ids],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
            "_text": text,
            "_idempotency_key": key,
        }
        self.statuses[status_id] = status
        if reply_to:
            self.statuses[reply_to]["replies_count"] += 1
        if key:
            self.idempotency[(token, key)] = (status_id, now)
            self.idempotency[(account_id, key)] = (status_id, now)
        return httpx.Response(200, json=_public(status))


def _html(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br />')}</p>" for p in paragraphs)


def _public(entity: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {**{k: v for k, v in entity.items() if not k.startswith("_")}, **overrides}
