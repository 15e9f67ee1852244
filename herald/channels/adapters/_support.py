"""Plumbing shared by the Facebook, Instagram, X, LinkedIn and YouTube adapters.

One place decides what a transport failure means (nothing sent → ``Transient``; sent but no
answer → ``UnknownOutcome`` for a write), how a ``Retry-After`` or reset header becomes seconds,
how a configured API version is read, and how credentials are scrubbed from anything an error
or a log record might carry.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx
from django.conf import settings

from herald.channels.adapters.base import (
    AdapterError,
    Connection,
    OutgoingPost,
    Permanent,
    Published,
    RateLimitState,
    RemotePost,
    Transient,
    UnknownOutcome,
)

UTC = datetime.UTC

# How far back reconciliation looks. A post with the same text older than this is a different
# (earlier, perhaps recurring) post, never the one whose outcome is unknown.
RECONCILE_WINDOW = datetime.timedelta(hours=24)

DEFAULT_RETRY_AFTER = 60.0


def setting(name: str, default: str) -> str:
    """A deployment setting: Django settings first, then the environment, then the default."""
    value: Any = None
    if settings.configured:
        value = getattr(settings, name, None)
    if not value:
        value = os.environ.get(name)
    return str(value) if value else default


def now() -> datetime.datetime:
    return datetime.datetime.now(UTC)


def secrets_of(connection: Connection) -> list[str]:
    """Every credential value long enough to be worth redacting."""
    values: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and len(value) >= 6:
            values.append(value)
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(connection.credentials)
    return values


def scrub(text: str, connection: Connection, extra: Iterable[str] = ()) -> str:
    """``text`` with every credential replaced, cut to a length fit for a record."""
    for secret in [*secrets_of(connection), *extra]:
        if secret and len(secret) >= 6:
            text = text.replace(secret, "[redacted]")
    text = re.sub(r"(access_token|refresh_token|client_secret)=[^&\s\"']+", r"\1=[redacted]", text)
    return text[:500]


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    connection: Connection,
    write: bool,
    what: str,
    **kwargs: Any,
) -> httpx.Response:
    """One HTTP call, with transport failures translated.

    ``write`` says whether the call creates something that must not be created twice: for such a
    call a timeout or a dropped connection once the connection was open (while writing the body
    or waiting for the answer) is an ``UnknownOutcome``. A failure to connect at all is always
    ``Transient`` (nothing reached the network). Reads, uploads of unattached media and deletes
    are ``write=False``: repeating them is harmless, so every transport failure is ``Transient``.
    """
    try:
        return client.request(method, url, **kwargs)
    except (
        httpx.ConnectError,
        httpx.ConnectTimeout,
        httpx.PoolTimeout,
        httpx.ProxyError,
        httpx.UnsupportedProtocol,
        httpx.LocalProtocolError,
    ) as error:  # nothing reached the network
        raise Transient(f"{what}: could not connect ({type(error).__name__})") from None
    except httpx.TransportError as error:
        if write:
            raise UnknownOutcome(
                f"{what}: no answer after the request was sent ({type(error).__name__}); "
                "it may have been published, reconcile before retrying"
            ) from None
        raise Transient(f"{what}: no answer ({type(error).__name__})") from None


def retry_after(headers: httpx.Headers, *, default: float = DEFAULT_RETRY_AFTER) -> float:
    """Seconds to wait, from ``Retry-After`` (seconds or an HTTP date) or an epoch reset header."""
    value = headers.get("retry-after")
    if value:
        try:
            return max(float(value), 0.0)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                return max((when - now()).total_seconds(), 0.0)
    for name in ("x-rate-limit-reset", "x-ratelimit-reset"):
        value = headers.get(name)
        if value and value.isdigit():
            return max(float(value) - now().timestamp(), 1.0)
    return default


def seconds_to_midnight(zone: datetime.tzinfo = UTC) -> float:
    current = datetime.datetime.now(zone)
    midnight = (current + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return max((midnight - current).total_seconds(), 1.0)


def json_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def normalise(text: str) -> str:
    return " ".join(text.split())


def read_file(path: str) -> bytes:
    with open(path, "rb") as handle:  # noqa: PTH123 - a plain path string from OutgoingMedia
        return handle.read()


def match_recent(
    posts: Iterable[RemotePost],
    texts: Iterable[str],
    *,
    at: datetime.datetime | None = None,
    window: datetime.timedelta = RECONCILE_WINDOW,
    key: Callable[[str], str] = normalise,
) -> Published | None:
    """The first (newest) recent post whose text equals one of ``texts`` under ``key``
    (whitespace-insensitive by default) and which is no older than ``window``; posts without a
    creation time are accepted."""
    wanted = {key(text) for text in texts if text.strip()}
    cutoff = (at or now()) - window
    for post in posts:
        if post.created_at is not None and post.created_at < cutoff:
            continue
        if key(post.text) in wanted:
            return Published(remote_id=post.remote_id, url=post.url, published_at=post.created_at)
    return None


def parse_time(value: Any) -> datetime.datetime | None:
    """An ISO 8601 time (``Z`` or ``+0000`` offsets) or epoch milliseconds, as aware UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return datetime.datetime.fromtimestamp(value / 1000, UTC)
    text = str(value).replace("Z", "+00:00")
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def composed_text(post: OutgoingPost) -> str:
    """The text with the link appended when the network has no separate link field."""
    if post.link and post.link not in post.text:
        return f"{post.text}\n\n{post.link}" if post.text else post.link
    return post.text


INTERFACE_METHODS = (
    "publish",
    "delete",
    "recent_posts",
    "find_published",
    "metrics",
    "refresh",
    "health",
)


def guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Only base.py's errors leave an adapter. An answer in a shape the adapter cannot read (a
    missing id, a body that is not JSON) or an unreadable media file becomes one of them; once
    the creating request has gone out, anything unexpected is an ``UnknownOutcome``."""

    @functools.wraps(method)
    def wrapper(self: HttpAdapter, *args: Any, **kwargs: Any) -> Any:
        if self._depth == 0:  # an interface method calling another keeps the outer flag
            self._write_sent = False
        self._depth += 1
        try:
            return method(self, *args, **kwargs)
        except AdapterError:
            raise
        except Exception as error:
            kind = type(error).__name__
            if self._write_sent:
                raise UnknownOutcome(
                    f"{method.__name__}: unexpected answer after the post was sent ({kind}); "
                    "reconcile before retrying"
                ) from None
            if isinstance(error, OSError):
                raise Permanent(
                    f"{method.__name__}: a media file could not be read ({kind})"
                ) from None
            if isinstance(error, ValueError):  # a body that is not JSON: a proxy or an outage
                raise Transient(f"{method.__name__}: unreadable answer ({kind})") from None
            raise Permanent(f"{method.__name__}: unexpected answer ({kind})") from None
        finally:
            self._depth -= 1

    return wrapper


class HttpAdapter:
    """What every httpx adapter here shares: the client, the last rate-limit state, and a call
    that translates transport failures and then lets the network classify the response.

    Each interface method a subclass defines is wrapped by ``guarded``."""

    network: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in INTERFACE_METHODS:
            if name in cls.__dict__:
                setattr(cls, name, guarded(cls.__dict__[name]))

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self._rate = RateLimitState()
        self._write_sent = False
        self._depth = 0

    def last_rate_limit(self) -> RateLimitState:
        return self._rate

    def _call(
        self,
        connection: Connection,
        method: str,
        url: str,
        *,
        what: str,
        write: bool = False,
        ok_statuses: tuple[int, ...] = (),
        **kwargs: Any,
    ) -> httpx.Response:
        if write:
            self._write_sent = True
        response = send(
            self.client, method, url, connection=connection, write=write, what=what, **kwargs
        )
        self._note_rate_limit(response)
        if response.is_success or response.status_code in ok_statuses:
            return response
        raise self._classify(response, connection=connection, what=what, write=write)

    def _note_rate_limit(self, response: httpx.Response) -> None:
        """Read the network's rate-limit headers into ``self._rate`` (override per network)."""

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        raise NotImplementedError
