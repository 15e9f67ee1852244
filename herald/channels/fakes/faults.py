"""Random fault injection in front of any fake network (or the Sandbox), for the reliability test
and the benchmark: each request to a write path fails with the configured probability per kind.

- ``server_error``: a 503, nothing done;
- ``timeout_after_accept``: the request is handled (the post is stored), then the client gets
  ``httpx.ReadTimeout`` — the answer is lost, the outcome unknown;
- ``rate_limited``: a 429 with ``Retry-After``;
- ``token_expired``: the access token stops working (``expire`` is called so the fake's own state
  says so, then the request is answered by the fake with its real expired-token response).

Seeded, so a run can be repeated. ``counts`` says how many of each were injected.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

Handler = Callable[[httpx.Request], httpx.Response]
KINDS = ("server_error", "timeout_after_accept", "rate_limited", "token_expired")


@dataclass
class FaultPlan:
    rates: dict[str, float] = field(default_factory=dict)
    seed: int = 1
    retry_after: int = 30
    # Which requests may fail: by default writes (POST) only.
    methods: frozenset[str] = frozenset({"POST"})
    # Paths never failed (token refresh, so a test can always recover).
    spared: tuple[str, ...] = ("/token", "refreshSession", "createSession", "/oauth/")
    # Makes the fake's current token expire (for ``token_expired``).
    expire: Callable[[httpx.Request], None] | None = None
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        unknown = set(self.rates) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown fault kinds: {sorted(unknown)}")
        self._random = random.Random(self.seed)  # noqa: S311 - test faults, not security
        self._lock = threading.Lock()

    def pick(self, request: httpx.Request) -> str:
        if request.method not in self.methods:
            return ""
        if any(part in request.url.path for part in self.spared):
            return ""
        with self._lock:
            roll = self._random.random()
        edge = 0.0
        for kind in KINDS:
            edge += self.rates.get(kind, 0.0)
            if roll < edge:
                return kind
        return ""


def with_faults(handler: Handler, plan: FaultPlan) -> Handler:
    """``handler`` with ``plan``'s faults in front of it."""

    def faulty(request: httpx.Request) -> httpx.Response:
        kind = plan.pick(request)
        if not kind:
            return handler(request)
        plan.counts[kind] += 1
        if kind == "server_error":
            return httpx.Response(503, json={"error": "Service Unavailable (injected)"})
        if kind == "rate_limited":
            return httpx.Response(
                429,
                headers={"Retry-After": str(plan.retry_after), "X-RateLimit-Remaining": "0"},
                json={"error": "Too many requests (injected)"},
            )
        if kind == "token_expired":
            if plan.expire is not None:
                plan.expire(request)
                return handler(request)
            return httpx.Response(401, json={"error": "The access token expired (injected)"})
        handler(request)  # timeout_after_accept: done on the server, the answer is lost
        raise httpx.ReadTimeout("injected: timed out after the request was accepted")

    return faulty
