"""What the Facebook Page and Instagram adapters share: the Graph API version, its error codes
and its usage headers.

The version comes from the ``HERALD_GRAPH_API_VERSION`` setting (Django settings, else the
environment), defaulting to ``DEFAULT_GRAPH_API_VERSION``. Meta supports each version for about
two years; move the default forward when Meta announces a sunset.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import httpx

from herald.channels.adapters._support import (
    HttpAdapter,
    json_of,
    now,
    retry_after,
    scrub,
    setting,
)
from herald.channels.adapters.base import (
    AdapterError,
    AuthExpired,
    Connection,
    Permanent,
    RateLimited,
    Transient,
    UnknownOutcome,
)

DEFAULT_GRAPH_API_VERSION = "v26.0"

# https://developers.facebook.com/docs/graph-api/guides/error-handling
TOKEN_CODES = frozenset({102, 190, 463, 467})
THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80000, 80015)})
TRANSIENT_CODES = frozenset({1, 2})
DUPLICATE_CODE = 506
USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")


def graph_version() -> str:
    version = setting("HERALD_GRAPH_API_VERSION", DEFAULT_GRAPH_API_VERSION)
    return version if version.startswith("v") else f"v{version}"


def graph_error(response: httpx.Response) -> dict[str, Any]:
    body = json_of(response)
    error = body.get("error") if isinstance(body, dict) else None
    return dict(error) if isinstance(error, dict) else {}


def _usage(response: httpx.Response) -> tuple[float | None, float, dict[str, Any]]:
    """(highest usage percentage, minutes until access returns, the parsed headers)."""
    highest: float | None = None
    regain = 0.0
    parsed: dict[str, Any] = {}
    for name in USAGE_HEADERS:
        raw = response.headers.get(name)
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        parsed[name] = value
        entries: list[dict[str, Any]] = []
        if name == "x-business-use-case-usage" and isinstance(value, dict):
            for items in value.values():
                entries += [item for item in items if isinstance(item, dict)]
        elif isinstance(value, dict):
            entries.append(value)
        for entry in entries:
            for key in ("call_count", "total_cputime", "total_time"):
                if isinstance(entry.get(key), int | float):
                    highest = max(highest or 0.0, float(entry[key]))
            minutes = entry.get("estimated_time_to_regain_access")
            if isinstance(minutes, int | float):
                regain = max(regain, float(minutes))
    return highest, regain, parsed


class GraphAdapter(HttpAdapter):
    """Graph API calls: ``/{version}/…`` URLs, Bearer page tokens, Graph error codes."""

    token_key = "page_access_token"  # noqa: S105 - the name of a credential, not one

    def _url(self, connection: Connection, path: str) -> str:
        return f"{connection.base_url.rstrip('/')}/{graph_version()}/{path.lstrip('/')}"

    def _token(self, connection: Connection) -> str:
        credentials = connection.credentials
        return str(credentials.get(self.token_key) or credentials.get("access_token") or "")

    def _auth(self, connection: Connection) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token(connection)}"}

    def _note_rate_limit(self, response: httpx.Response) -> None:
        highest, regain, parsed = _usage(response)
        if not parsed:
            return
        self._rate.remaining = None if highest is None else max(0, 100 - math.ceil(highest))
        self._rate.reset_at = now() + datetime.timedelta(minutes=regain) if regain else None
        self._rate.extra = {"usage_percent": highest, **parsed}

    def _classify(
        self, response: httpx.Response, *, connection: Connection, what: str, write: bool
    ) -> AdapterError:
        status = response.status_code
        error = graph_error(response)
        code = error.get("code")
        subcode = error.get("error_subcode")
        message = scrub(str(error.get("message", "")), connection)
        detail = f"{what}: Graph API answered {status}" + (
            f" (code {code}{f'/{subcode}' if subcode else ''}: {message})" if error else ""
        )
        if code in TOKEN_CODES or subcode in TOKEN_CODES or status == 401:
            return AuthExpired(
                f"{what}: the access token is expired or revoked (code {code})", http_status=status
            )
        if code in THROTTLE_CODES or status == 429:
            _, regain, _ = _usage(response)
            wait = regain * 60 if regain else retry_after(response.headers, default=300.0)
            return RateLimited(detail, retry_after=wait, http_status=status)
        if code == DUPLICATE_CODE:
            return Permanent(
                f"{what}: the network refused a duplicate post ({message})", http_status=status
            )
        if status == 504 and write:
            return UnknownOutcome(detail, http_status=status)
        if code in TRANSIENT_CODES or error.get("is_transient") or status >= 500:
            return Transient(detail, http_status=status)
        return Permanent(detail, http_status=status)


class GraphModeration(GraphAdapter):
    """Hiding and deleting comments, the same calls on a Page and on Instagram but for the name
    of the field that hides (``HIDE_FIELD``)."""

    HIDE_FIELD = "is_hidden"

    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._on_comment(
            connection, "POST", remote_id, "hide comment", json={self.HIDE_FIELD: hidden}
        )

    def delete_comment(self, connection: Connection, remote_id: str) -> None:
        self._on_comment(connection, "DELETE", remote_id, "delete comment", ok_statuses=(404,))

    def _on_comment(
        self, connection: Connection, method: str, remote_id: str, what: str, **extra: Any
    ) -> None:
        url = self._url(connection, remote_id)
        headers = self._auth(connection)
        self._call(connection, method, url, what=what, write=True, headers=headers, **extra)
