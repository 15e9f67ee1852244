"""The Sandbox network's JSON API as one plain function: (method, path, headers, query, body) →
(status, headers, payload). The Django views (``herald.channels.sandbox.views``) serve it over
HTTP under ``/api/v1/channels/sandbox/``; ``LocalTransport`` serves the very same function to an
httpx client in-process, so the embedded worker needs no HTTP round trip to itself and the
semantics (idempotency, errors, tokens) are identical either way.

Paths (below ``/api/v1/channels/sandbox/``), every one but ``token`` with ``Authorization: Bearer``:

- ``POST <handle>/statuses`` (``Idempotency-Key`` header; JSON ``text``, ``link``, ``media``,
  ``in_reply_to_id``) → 200 the status (the same one again for a key already used)
- ``GET <handle>/statuses?limit=&idempotency_key=`` → recent statuses, newest first
- ``GET <handle>/statuses/<id>`` · ``DELETE <handle>/statuses/<id>`` · ``GET .../<id>/metrics``
- ``POST <handle>/token`` (JSON ``refresh_token``) → new tokens
- ``GET <handle>/verify`` → the account and when its token expires
- ``GET <handle>/incoming?since=&limit=`` → residents' comments on the account's posts and their
  direct messages to it, oldest first: ``{"items": [...], "next_since": N}``
- ``POST <handle>/comments`` (JSON ``in_reply_to_id``, ``text``) → a resident's comment
- ``POST <handle>/messages`` (JSON ``to``, ``text``) → a resident's direct message
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

import httpx

from herald.channels.sandbox import replies, residents, service
from herald.channels.sandbox.service import SandboxError

PREFIX = "/api/v1/channels/sandbox/"
RATE_LIMIT = 300
RATE_WINDOW_SECONDS = 300

Result = tuple[int, dict[str, str], Any]


def handle(
    method: str, path: str, headers: Mapping[str, str], query: Mapping[str, str], body: bytes
) -> Result:
    try:
        status, payload = _route(method.upper(), path.strip("/"), headers, query, body)
    except SandboxError as error:
        status, payload = error.status, {"code": error.code, "error": error.message}
    reset = int(time.time()) // RATE_WINDOW_SECONDS * RATE_WINDOW_SECONDS + RATE_WINDOW_SECONDS
    out_headers = {
        "X-RateLimit-Limit": str(RATE_LIMIT),
        "X-RateLimit-Remaining": str(RATE_LIMIT - 1),
        "X-RateLimit-Reset": str(reset),
    }
    return status, out_headers, payload


def _token(headers: Mapping[str, str]) -> str:
    value = headers.get("authorization", "") or headers.get("Authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else ""


def _json(body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        raise SandboxError(400, "invalid_json", "The body is not JSON.") from None
    if not isinstance(data, dict):
        raise SandboxError(400, "invalid_json", "The body must be a JSON object.")
    return data


def _route(  # noqa: PLR0911, PLR0912 - one endpoint per branch
    method: str, path: str, headers: Mapping[str, str], query: Mapping[str, str], body: bytes
) -> tuple[int, Any]:
    parts = path.split("/")
    if len(parts) < 2:
        raise SandboxError(404, "not_found", "No such endpoint.")
    handle_, resource, rest = parts[0], parts[1], parts[2:]
    if resource == "token" and not rest and method == "POST":
        tokens = service.refresh_tokens(handle_, str(_json(body).get("refresh_token", "")))
        return 200, {
            "access_token": tokens.access_token,
            "refresh_token": tokens.refresh_token,
            "expires_at": tokens.expires_at.isoformat(),
        }
    account = service.authenticate(handle_, _token(headers))
    if resource == "verify" and not rest and method == "GET":
        expires = account.token_expires_at
        return 200, {
            "handle": account.handle,
            "display_name": account.display_name,
            "token_expires_at": expires.isoformat() if expires else None,
        }
    # Residents' comments and messages (herald.channels.sandbox.residents), then replies under
    # comments and moderation (herald.channels.sandbox.replies).
    if resource in {"incoming", "comments", "messages"} and not rest:
        return _residents(method, resource, account, query, body)
    answered = replies.route(account, method, resource=resource, rest=rest, body=body, query=query)
    if answered is not None:
        return answered
    if resource != "statuses":
        raise SandboxError(404, "not_found", "No such endpoint.")
    if not rest and method == "POST":
        data = _json(body)
        media = data.get("media") or []
        if not isinstance(media, list) or not all(isinstance(m, dict) for m in media):
            raise SandboxError(422, "invalid_media", "media must be a list of objects.")
        post, _created = service.create_post(
            account,
            text=str(data.get("text", "")),
            link=str(data.get("link", "") or ""),
            media=media,
            in_reply_to_id=str(data.get("in_reply_to_id", "") or ""),
            idempotency_key=headers.get("idempotency-key", "")
            or headers.get("Idempotency-Key", ""),
        )
        return 200, service.as_json(post)
    if not rest and method == "GET":
        try:
            limit = int(query.get("limit", "40"))
        except ValueError:
            limit = 40
        posts = service.recent_posts(
            account, limit=limit, idempotency_key=query.get("idempotency_key", "")
        )
        return 200, [service.as_json(post) for post in posts]
    if len(rest) == 1 and method == "GET":
        return 200, service.as_json(service.get_post(account, rest[0]))
    if len(rest) == 1 and method == "DELETE":
        return 200, service.as_json(service.delete_post(account, rest[0]))
    if len(rest) == 2 and rest[1] == "metrics" and method == "GET":
        post = service.get_post(account, rest[0])
        return 200, {
            "id": str(post.public_id),
            "likes": post.likes,
            "views": post.views,
            "replies": post.replies.count(),
        }
    raise SandboxError(405 if len(rest) <= 2 else 404, "not_allowed", "Not allowed here.")


def _residents(
    method: str, resource: str, account: Any, query: Mapping[str, str], body: bytes
) -> tuple[int, Any]:
    if resource == "incoming" and method == "GET":
        try:
            since, limit = int(query.get("since", "0") or 0), int(query.get("limit", "100"))
        except ValueError:
            raise SandboxError(400, "invalid_cursor", "since and limit are numbers.") from None
        items = residents.incoming(account, since=since, limit=limit)
        return 200, {
            "items": [residents.incoming_json(item) for item in items],
            "next_since": items[-1].pk if items else since,
        }
    if method != "POST":
        raise SandboxError(405, "not_allowed", "Not allowed here.")
    data = _json(body)
    if resource == "comments":
        post = residents.add_comment(
            resident=account,
            in_reply_to_id=str(data.get("in_reply_to_id", "")),
            text=str(data.get("text", "")),
        )
    else:
        to = service.account_named(str(data.get("to", "")))
        post = residents.send_message(resident=account, to=to, text=str(data.get("text", "")))
    return 200, residents.incoming_json(post)


def local_handler(request: httpx.Request) -> httpx.Response:
    """The Sandbox API answering one httpx request in-process."""
    path = request.url.path
    if not path.startswith(PREFIX):
        return httpx.Response(404, json={"code": "not_found", "error": "No such endpoint."})
    status, headers, payload = handle(
        request.method,
        path[len(PREFIX) :],
        dict(request.headers),
        dict(request.url.params),
        request.read(),
    )
    return httpx.Response(status, headers=headers, json=payload)


def handle_of(request: httpx.Request) -> str:
    """The sandbox handle a request is for."""
    return request.url.path[len(PREFIX) :].split("/", 1)[0]


class LocalTransport(httpx.BaseTransport):
    """An httpx transport that serves the Sandbox API in-process (no socket, same semantics)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return local_handler(request)
