"""A stateful fake Bluesky PDS as an ``httpx.MockTransport`` handler (XRPC over HTTP).

Models what the adapter relies on, with bodies in the lexicons' shapes:

- sessions: ``createSession`` (identifier + app password) → ``accessJwt``/``refreshJwt``/``did``/
  ``handle``; ``refreshSession`` (Bearer refreshJwt) rotates both; an access token past its
  lifetime (or expired with ``expire``) answers 400 ``{"error": "ExpiredToken"}``;
- records: ``createRecord`` with a caller-chosen ``rkey`` — a second create with the same key is
  refused (400 ``InvalidRequest``, "Record already exists") so a retry can never make a second
  post; ``getRecord`` (400 ``RecordNotFound``), ``deleteRecord``, ``listRecords``;
- ``uploadBlob`` returning a blob ref; ``app.bsky.feed.getPosts`` for metrics;
- ``RateLimit-Limit/Remaining/Reset/Policy`` headers; 429 ``RateLimitExceeded`` when over.

``records`` keeps every record ever created (deleted ones flagged) for counting on the server side.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import secrets
import threading
from collections.abc import Callable
from typing import Any

import httpx

UTC = datetime.UTC
ACCESS_LIFETIME = datetime.timedelta(hours=2)
WRITE_LIMIT = 5000
WINDOW = datetime.timedelta(hours=1)


def _cid(data: bytes) -> str:
    return "bafyrei" + hashlib.sha256(data).hexdigest()[:52]


class FakeBluesky:
    def __init__(self, *, clock: Callable[[], datetime.datetime] | None = None) -> None:
        self.clock = clock or (lambda: datetime.datetime.now(UTC))
        self._lock = threading.RLock()
        self._dids = itertools.count(1)
        self.users: dict[str, dict[str, str]] = {}  # did -> {handle, password}
        self.access: dict[str, tuple[str, datetime.datetime]] = {}  # jwt -> (did, expires)
        self.refresh: dict[str, str] = {}  # refresh jwt -> did
        self.records: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.blobs: dict[str, dict[str, Any]] = {}
        self.windows: dict[str, tuple[datetime.datetime, int]] = {}

    def add_user(self, handle: str) -> dict[str, str]:
        """A new account; returns its did, handle and an app password."""
        with self._lock:
            did = f"did:plc:fake{next(self._dids):020d}"
            password = "-".join(secrets.token_hex(2) for _ in range(4))
            self.users[did] = {"handle": handle, "password": password}
            return {"did": did, "handle": handle, "app_password": password}

    def expire(self, request: httpx.Request | None = None, *, token: str = "") -> None:
        if request is not None:
            token = request.headers.get("authorization", "")[7:]
        with self._lock:
            if token in self.access:
                did, _ = self.access[token]
                self.access[token] = (did, self.clock() - datetime.timedelta(seconds=1))

    def posts(self, did: str | None = None) -> list[dict[str, Any]]:
        return [
            r
            for (repo, collection, _), r in self.records.items()
            if collection == "app.bsky.feed.post"
            and not r.get("_deleted")
            and (did is None or repo == did)
        ]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            return self._handle(request)

    def _error(self, status: int, error: str, message: str) -> httpx.Response:
        return httpx.Response(status, json={"error": error, "message": message})

    def _session(self, did: str) -> dict[str, Any]:
        access, refresh = f"ey.acc.{secrets.token_hex(12)}", f"ey.ref.{secrets.token_hex(12)}"
        self.access[access] = (did, self.clock() + ACCESS_LIFETIME)
        self.refresh[refresh] = did
        return {
            "accessJwt": access,
            "refreshJwt": refresh,
            "handle": self.users[did]["handle"],
            "did": did,
            "active": True,
        }

    def _handle(self, request: httpx.Request) -> httpx.Response:  # noqa: PLR0911 - a router
        nsid = request.url.path.removeprefix("/xrpc/")
        body: dict[str, Any] = {}
        if request.method == "POST" and nsid != "com.atproto.repo.uploadBlob":
            try:
                body = json.loads(request.read() or b"{}")
            except ValueError:
                return self._error(400, "InvalidRequest", "Invalid JSON body")
        if nsid == "com.atproto.server.createSession":
            for did, user in self.users.items():
                if body.get("identifier") in (did, user["handle"]) and secrets.compare_digest(
                    str(body.get("password", "")), user["password"]
                ):
                    return httpx.Response(200, json=self._session(did))
            return self._error(401, "AuthenticationRequired", "Invalid identifier or password")
        token = request.headers.get("authorization", "")[7:]
        if nsid == "com.atproto.server.refreshSession":
            refreshed = self.refresh.pop(token, None)
            if refreshed is None:
                return self._error(400, "ExpiredToken", "Token has been revoked")
            return httpx.Response(200, json=self._session(refreshed))
        session = self.access.get(token)
        if session is None:
            return self._error(401, "AuthenticationRequired", "Invalid token")
        did, expires = session
        if expires <= self.clock():
            return self._error(400, "ExpiredToken", "Token has expired")
        headers, limited = self._rate(did, request.method == "POST")
        if limited:
            response = self._error(429, "RateLimitExceeded", "Rate Limit Exceeded")
        else:
            response = self._route(request, nsid, body, did)
        response.headers.update(headers)
        return response

    def _rate(self, did: str, write: bool) -> tuple[dict[str, str], bool]:
        now = self.clock()
        start, used = self.windows.get(did, (now, 0))
        if now - start >= WINDOW:
            start, used = now, 0
        if write:
            used += 3  # createRecord costs 3 points
        self.windows[did] = (start, used)
        reset = int((start + WINDOW).timestamp())
        return {
            "RateLimit-Limit": str(WRITE_LIMIT),
            "RateLimit-Remaining": str(max(WRITE_LIMIT - used, 0)),
            "RateLimit-Reset": str(reset),
            "RateLimit-Policy": f"{WRITE_LIMIT};w=3600",
        }, used > WRITE_LIMIT

    def _route(  # noqa: PLR0911, PLR0912 - one XRPC method per branch
        self, request: httpx.Request, nsid: str, body: dict[str, Any], did: str
    ) -> httpx.Response:
        params = request.url.params
        if nsid == "com.atproto.server.getSession":
            return httpx.Response(
                200, json={"did": did, "handle": self.users[did]["handle"], "active": True}
            )
        if nsid == "com.atproto.repo.uploadBlob":
            data = request.read()
            cid = _cid(data)
            blob = {
                "$type": "blob",
                "ref": {"$link": cid},
                "mimeType": request.headers.get("content-type", "application/octet-stream"),
                "size": len(data),
            }
            self.blobs[cid] = blob
            return httpx.Response(200, json={"blob": blob})
        if nsid == "com.atproto.repo.createRecord":
            if body.get("repo") != did:
                return self._error(400, "InvalidRequest", "Invalid repo")
            collection, rkey = str(body.get("collection", "")), str(body.get("rkey", ""))
            record = body.get("record") or {}
            if not rkey:
                rkey = secrets.token_hex(6)
            if len(str(record.get("text", ""))) > 300:
                return self._error(
                    400, "InvalidRequest", "Record/text must not be longer than 300 graphemes"
                )
            key = (did, collection, rkey)
            if key in self.records:
                return self._error(400, "InvalidRequest", "Record already exists")
            cid = _cid(json.dumps(record, sort_keys=True).encode() + rkey.encode())
            uri = f"at://{did}/{collection}/{rkey}"
            self.records[key] = {"uri": uri, "cid": cid, "value": record, "_likes": 0}
            return httpx.Response(
                200,
                json={
                    "uri": uri,
                    "cid": cid,
                    "commit": {"cid": _cid(cid.encode()), "rev": secrets.token_hex(6)},
                    "validationStatus": "valid",
                },
            )
        if nsid == "com.atproto.repo.getRecord":
            found = self.records.get(
                (str(params.get("repo")), str(params.get("collection")), str(params.get("rkey")))
            )
            if found is None or found.get("_deleted"):
                return self._error(400, "RecordNotFound", "Could not locate record")
            return httpx.Response(200, json=_public(found))
        if nsid == "com.atproto.repo.deleteRecord":
            found = self.records.get((did, str(body.get("collection")), str(body.get("rkey"))))
            if found is not None:
                found["_deleted"] = True
            return httpx.Response(200, json={"commit": {"cid": _cid(b"d"), "rev": "d"}})
        if nsid == "com.atproto.repo.listRecords":
            mine = [
                _public(r)
                for (repo, collection, _), r in sorted(self.records.items(), reverse=True)
                if repo == params.get("repo")
                and collection == params.get("collection")
                and not r.get("_deleted")
            ]
            return httpx.Response(200, json={"records": mine[: int(params.get("limit", "50"))]})
        if nsid == "app.bsky.feed.getPosts":
            views = []
            for uri in params.get_list("uris"):
                for record in self.records.values():
                    if record["uri"] == uri and not record.get("_deleted"):
                        views.append(
                            {
                                "uri": uri,
                                "cid": record["cid"],
                                "author": {"did": did, "handle": self.users[did]["handle"]},
                                "record": record["value"],
                                "replyCount": 0,
                                "repostCount": 0,
                                "likeCount": record["_likes"],
                                "quoteCount": 0,
                                "indexedAt": self.clock().isoformat(),
                            }
                        )
            return httpx.Response(200, json={"posts": views})
        return self._error(501, "MethodNotImplemented", f"Method Not Implemented: {nsid}")


def _public(entity: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entity.items() if not k.startswith("_")}
