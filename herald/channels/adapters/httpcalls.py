"""Shared HTTP plumbing for the adapters delivery wrote (Sandbox, Mastodon, Bluesky): one place
that turns httpx's exceptions and a response's status into the base error taxonomy and reads the
rate-limit headers. Never logs a request's headers or body (they carry credentials)."""

from __future__ import annotations

import datetime
import email.utils
from typing import Any

import httpx

from herald.channels.adapters.base import (
    AuthExpired,
    Permanent,
    RateLimited,
    RateLimitState,
    Transient,
    UnknownOutcome,
)

DEFAULT_RETRY_AFTER = 60.0


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    write: bool,
    state: RateLimitState,
    what: str,
    **kwargs: Any,
) -> httpx.Response:
    """Make one call. A timeout or dropped connection after a write was sent is UnknownOutcome
    (the network may have done it); before anything was sent, or on a read, it is Transient."""
    try:
        response = client.request(method, url, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
        raise Transient(f"{what}: could not connect ({type(error).__name__})") from None
    except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as error:
        if write:
            raise UnknownOutcome(
                f"{what}: no answer after sending ({type(error).__name__}); it may have been "
                "published"
            ) from None
        raise Transient(f"{what}: no answer ({type(error).__name__})") from None
    except httpx.HTTPError as error:
        raise Transient(f"{what}: {type(error).__name__}") from None
    read_rate_limit(response, state)
    return response


def check(response: httpx.Response, *, what: str, auth_codes: tuple[int, ...] = (401,)) -> None:
    """Raise the taxonomy's error for a response that is not a success."""
    status = response.status_code
    if status < 400:
        return
    detail = f"{what}: HTTP {status} {_message(response)}".strip()
    if status == 429:
        raise RateLimited(detail, retry_after=retry_after(response), http_status=status)
    if status in auth_codes:
        raise AuthExpired(detail, http_status=status)
    if status >= 500:
        raise Transient(detail, http_status=status)
    raise Permanent(detail, http_status=status)


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict):
        parts = [
            str(body[key])
            for key in ("error", "error_description", "message")
            if isinstance(body.get(key), str)
        ]
        return ": ".join(parts)[:300]
    return ""


def retry_after(response: httpx.Response) -> float:
    """Seconds to wait: Retry-After (seconds or an HTTP date), else the rate-limit reset."""
    value = response.headers.get("retry-after", "").strip()
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                now = datetime.datetime.now(datetime.UTC)
                return max(0.0, (when - now).total_seconds())
    reset = _reset_at(response)
    if reset is not None:
        return max(0.0, (reset - datetime.datetime.now(datetime.UTC)).total_seconds())
    return DEFAULT_RETRY_AFTER


def _reset_at(response: httpx.Response) -> datetime.datetime | None:
    for name in ("x-ratelimit-reset", "ratelimit-reset"):
        value = response.headers.get(name, "").strip()
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            try:
                return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
        # Epoch seconds (Bluesky, the Sandbox) or, if small, seconds from now.
        if number > 10**9:
            return datetime.datetime.fromtimestamp(number, datetime.UTC)
        return datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=number)
    return None


def read_rate_limit(response: httpx.Response, state: RateLimitState) -> None:
    for name in ("x-ratelimit-remaining", "ratelimit-remaining"):
        value = response.headers.get(name)
        if value is not None:
            try:
                state.remaining = int(float(value))
            except ValueError:
                state.remaining = None
            state.reset_at = _reset_at(response)
            return
