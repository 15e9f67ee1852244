"""A small client for GOV.UK Notify's email API (v2), as Notify documents it.

Notify authenticates each request with a JSON Web Token signed (HS256) with the secret half of
the API key, whose ``iss`` is the service id and ``iat`` the current time; an API key is
``{key name}-{service id}-{secret key}`` (the last two are UUIDs). Emails use one template whose
subject and body are the personalisation fields ``subject`` and ``body``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import httpx

from herald.core.errors import DomainError

NOTIFY_URL = "https://api.notifications.service.gov.uk"
UUID_LENGTH = 36


class NotifyRefused(DomainError):
    code = "notify_refused"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def split_key(api_key: str) -> tuple[str, str]:
    """The service id and secret from an API key (the key name may contain dashes)."""
    if len(api_key) < 2 * UUID_LENGTH + 2:
        raise NotifyRefused("The GOV.UK Notify API key is not in Notify's format")
    return api_key[-(2 * UUID_LENGTH + 1) : -(UUID_LENGTH + 1)], api_key[-UUID_LENGTH:]


def token(*, service_id: str, secret: str, issued_at: int | None = None) -> str:
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    claims = {"iss": service_id, "iat": issued_at or int(time.time())}
    payload = _b64(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
    return f"{header}.{payload}.{_b64(signature.digest())}"


@dataclass(frozen=True)
class NotifyClient:
    api_key: str
    template_id: str
    base_url: str = NOTIFY_URL
    transport: httpx.BaseTransport | None = None  # tests give a fake Notify

    def send_email(self, *, to: str, subject: str, body: str, reference: str) -> str:
        """Ask Notify to send one email; returns Notify's notification id."""
        service_id, secret = split_key(self.api_key)
        request = {
            "email_address": to,
            "template_id": self.template_id,
            "personalisation": {"subject": subject, "body": body},
            "reference": reference,
        }
        headers = {"Authorization": f"Bearer {token(service_id=service_id, secret=secret)}"}
        with httpx.Client(base_url=self.base_url, transport=self.transport, timeout=10) as http:
            response = http.post("/v2/notifications/email", json=request, headers=headers)
        if response.status_code != httpx.codes.CREATED:
            raise NotifyRefused(_describe(response))
        notification_id: str = response.json()["id"]
        return notification_id


def _describe(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors", [])
        detail = "; ".join(f"{e.get('error')}: {e.get('message')}" for e in errors)
    except ValueError:
        detail = response.text[:200]
    return f"GOV.UK Notify refused the email (HTTP {response.status_code}): {detail}"
