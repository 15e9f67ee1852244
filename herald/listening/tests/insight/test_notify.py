"""GOV.UK Notify as the alert mailer: a fake Notify with the documented request and response
shapes (v2 email endpoint, a JWT signed with the key's secret), no network."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid

import httpx
import pytest

from herald.listening.alerting.mail import NotifyMailer
from herald.listening.alerting.notify import NotifyClient, NotifyRefused

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"herald-alerts-{SERVICE_ID}-{SECRET}"
TEMPLATE = str(uuid.uuid4())


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


class FakeNotify:
    """Checks the token as Notify does, records the emails, answers 201 like the real API."""

    def __init__(self) -> None:
        self.sent: list[dict[str, object]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        header, payload, signature = (
            request.headers["Authorization"].removeprefix("Bearer ").split(".")
        )
        expected = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256)
        claims = json.loads(_unb64(payload))
        if (
            not hmac.compare_digest(_unb64(signature), expected.digest())
            or claims["iss"] != SERVICE_ID
        ):
            error = {
                "error": "AuthError",
                "message": "Invalid token: signature, api token not found",
            }
            return httpx.Response(403, json={"status_code": 403, "errors": [error]})
        body = json.loads(request.content)
        if request.url.path != "/v2/notifications/email" or body["template_id"] != TEMPLATE:
            error = {"error": "BadRequestError", "message": "Template not found"}
            return httpx.Response(400, json={"status_code": 400, "errors": [error]})
        self.sent.append(body)
        notification = str(uuid.uuid4())
        return httpx.Response(
            201,
            json={
                "id": notification,
                "reference": body.get("reference"),
                "content": {
                    "subject": body["personalisation"]["subject"],
                    "body": body["personalisation"]["body"],
                    "from_email": "herald@notifications.service.gov.uk",
                },
                "uri": f"https://api.notifications.service.gov.uk/v2/notifications/{notification}",
                "template": {"id": TEMPLATE, "version": 1, "uri": "https://example/templates"},
            },
        )


def test_notify_sends_each_address_one_email_with_subject_and_body() -> None:
    fake = FakeNotify()
    client = NotifyClient(
        api_key=API_KEY, template_id=TEMPLATE, transport=httpx.MockTransport(fake)
    )
    NotifyMailer(client).send(
        to=["a@wessex.gov.uk", "b@wessex.gov.uk"], subject="Spike", body="Look", reference="r-1"
    )
    assert [s["email_address"] for s in fake.sent] == ["a@wessex.gov.uk", "b@wessex.gov.uk"]
    assert fake.sent[0]["personalisation"] == {"subject": "Spike", "body": "Look"}
    assert fake.sent[0]["reference"] == "r-1"


def test_notify_refusing_a_bad_key_is_a_clear_error() -> None:
    fake = FakeNotify()
    wrong = f"herald-alerts-{SERVICE_ID}-{uuid.uuid4()}"
    client = NotifyClient(api_key=wrong, template_id=TEMPLATE, transport=httpx.MockTransport(fake))
    with pytest.raises(NotifyRefused, match=r"HTTP 403.*AuthError"):
        client.send_email(to="a@wessex.gov.uk", subject="s", body="b", reference="r")
    assert fake.sent == []


def test_a_key_not_in_notifys_format_is_refused_before_any_request() -> None:
    client = NotifyClient(
        api_key="short", template_id=TEMPLATE, transport=httpx.MockTransport(FakeNotify())
    )
    with pytest.raises(NotifyRefused, match="format"):
        client.send_email(to="a@wessex.gov.uk", subject="s", body="b", reference="r")
