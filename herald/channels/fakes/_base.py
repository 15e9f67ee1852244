"""What every fake network here shares: a fault plan, tokens with expiry, rate-limit buckets.

A fake is an ``httpx.MockTransport`` handler (``FakeX()`` is callable with an ``httpx.Request``):
``fake.client()`` gives an ``httpx.Client`` wired to it. Each fake keeps the posts it accepted, so
a test (or the reliability test) can check that a post exists exactly once.

Faults are queued with ``fake.faults.add(kind, times=…, method=…, path=…, skip=…)`` and apply to
the next matching requests (after ``skip`` of them):

- ``server_error``: a 503 in the network's error shape, nothing stored;
- ``timeout_after_accept``: the request is handled (the post is stored) and then the client gets
  ``httpx.ReadTimeout``, as when a network accepts a write and the answer is lost;
- ``rate_limited``: a 429 with the network's rate-limit headers (``retry_after`` seconds);
- ``token_expired``: the network's expired-token answer;
- ``connect_error``: ``httpx.ConnectError`` before anything is sent.
"""

from __future__ import annotations

import datetime
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

UTC = datetime.UTC

FAULT_KINDS = frozenset(
    {"server_error", "timeout_after_accept", "rate_limited", "token_expired", "connect_error"}
)


@dataclass
class Fault:
    kind: str
    remaining: int
    method: str | None = None
    path: str | None = None
    retry_after: int = 30
    skip: int = 0  # let this many matching requests through first

    def matches(self, request: httpx.Request) -> bool:
        if self.method and request.method != self.method.upper():
            return False
        return not (self.path and self.path not in request.url.path)


class FaultPlan:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(
        self,
        kind: str,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
        retry_after: int = 30,
        skip: int = 0,
    ) -> None:
        if kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault {kind!r}")
        self._faults.append(Fault(kind, times, method, path, retry_after, skip))

    def take(self, request: httpx.Request) -> Fault | None:
        for fault in self._faults:
            if fault.matches(request):
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def __len__(self) -> int:
        return sum(fault.remaining for fault in self._faults)


@dataclass
class Bucket:
    limit: int
    remaining: int
    reset_at: datetime.datetime


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers or {})


class FakeNetwork:
    """Subclasses implement ``handle`` and the three error shapes."""

    def __init__(self, *, clock: Callable[[], datetime.datetime] | None = None) -> None:
        self.clock = clock or (lambda: datetime.datetime.now(UTC))
        self.faults = FaultPlan()
        self.requests: list[httpx.Request] = []
        self.tokens: dict[str, datetime.datetime | None] = {}
        self.refresh_tokens: dict[str, datetime.datetime | None] = {}
        self.buckets: dict[str, Bucket] = {}
        self.bucket_limits: dict[str, tuple[int, int]] = {}  # name -> (limit, window seconds)

    # --- the handler --------------------------------------------------------------------------
    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        fault = self.faults.take(request)
        if fault is not None:
            if fault.kind == "connect_error":
                raise httpx.ConnectError("fake: connection refused", request=request)
            if fault.kind == "server_error":
                return self.server_error(request)
            if fault.kind == "rate_limited":
                return self.rate_limited(request, fault.retry_after)
            if fault.kind == "token_expired":
                return self.auth_error(request)
        response = self.handle(request)
        if fault is not None and fault.kind == "timeout_after_accept":
            raise httpx.ReadTimeout("fake: accepted, then no answer", request=request)
        return response

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=self.transport(), timeout=5.0)

    # --- to implement -------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        raise NotImplementedError

    def server_error(self, request: httpx.Request) -> httpx.Response:
        raise NotImplementedError

    def rate_limited(self, request: httpx.Request, retry_after: int) -> httpx.Response:
        raise NotImplementedError

    def auth_error(self, request: httpx.Request) -> httpx.Response:
        raise NotImplementedError

    # --- tokens -------------------------------------------------------------------------------
    def issue_token(self, *, lifetime: datetime.timedelta | None = None, prefix: str = "") -> str:
        token = prefix + secrets.token_urlsafe(24)
        self.tokens[token] = self.clock() + lifetime if lifetime else None
        return token

    def issue_refresh_token(self, *, lifetime: datetime.timedelta | None = None) -> str:
        token = "r-" + secrets.token_urlsafe(24)
        self.refresh_tokens[token] = self.clock() + lifetime if lifetime else None
        return token

    def expire_tokens(self) -> None:
        """Every access token expires now (refresh tokens stay valid)."""
        past = self.clock() - datetime.timedelta(seconds=1)
        for token in self.tokens:
            self.tokens[token] = past

    def bearer(self, request: httpx.Request) -> str:
        header = request.headers.get("authorization", "")
        return header[7:] if header.lower().startswith("bearer ") else ""

    def token_ok(self, token: str) -> bool:
        if token not in self.tokens:
            return False
        expiry = self.tokens[token]
        return expiry is None or expiry > self.clock()

    def authorised(self, request: httpx.Request) -> bool:
        return self.token_ok(self.bearer(request))

    # --- rate limits --------------------------------------------------------------------------
    def consume(self, name: str) -> Bucket | None:
        """Take one call from the bucket; None when it is empty (the caller answers 429)."""
        if name not in self.bucket_limits:
            return None
        limit, window = self.bucket_limits[name]
        bucket = self.buckets.get(name)
        current = self.clock()
        if bucket is None or bucket.reset_at <= current:
            bucket = Bucket(limit, limit, current + datetime.timedelta(seconds=window))
            self.buckets[name] = bucket
        if bucket.remaining <= 0:
            return None
        bucket.remaining -= 1
        return bucket

    def exhausted(self, name: str) -> bool:
        bucket = self.buckets.get(name)
        return bucket is not None and bucket.remaining <= 0 and bucket.reset_at > self.clock()

    # --- helpers ------------------------------------------------------------------------------
    @staticmethod
    def body_json(request: httpx.Request) -> Any:
        try:
            return json.loads(request.content or b"{}")
        except ValueError:
            return {}

    @staticmethod
    def form(request: httpx.Request) -> dict[str, str]:
        content_type = request.headers.get("content-type", "")
        if "application/x-www-form-urlencoded" in content_type:
            parsed = httpx.QueryParams(request.content.decode())
            return dict(parsed.items())
        return {}

    @staticmethod
    def multipart_fields(request: httpx.Request) -> dict[str, bytes]:
        """The parts of a multipart body by name (enough for the fakes' checks)."""
        content_type = request.headers.get("content-type", "")
        if "boundary=" not in content_type:
            return {}
        boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
        fields: dict[str, bytes] = {}
        for part in request.content.split(b"--" + boundary):
            if b"\r\n\r\n" not in part:
                continue
            head, _, body = part.partition(b"\r\n\r\n")
            marker = b'name="'
            if marker not in head:
                continue
            name = head.split(marker, 1)[1].split(b'"', 1)[0].decode()
            fields[name] = body.removesuffix(b"\r\n")
        return fields
