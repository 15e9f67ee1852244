"""The Sandbox network over real HTTP (Django's test client): its JSON API and its timeline."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from django.test import Client

from herald.channels.models import SandboxPost
from herald.channels.sandbox import service

pytestmark = pytest.mark.django_db
API = "/api/v1/channels/sandbox/"


@pytest.fixture
def tokens():  # type: ignore[no-untyped-def]
    account = service.ensure_account(handle="aldermoor-news", display_name="Aldermoor News")
    return service.issue_tokens(account)


def _post(client: Client, path: str, body: Mapping[str, object], **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        API + path, json.dumps(body), content_type="application/json", headers=headers
    )


def test_create_is_idempotent_by_key_and_shows_on_the_timeline(tokens) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    auth = {"Authorization": f"Bearer {tokens.access_token}", "Idempotency-Key": "abc"}
    body = {
        "text": "Roadworks on the A38 <b>tonight</b>",
        "media": [{"name": "map.png", "content_type": "image/png", "alt_text": "Map of the A38"}],
    }
    first = _post(client, "aldermoor-news/statuses", body, **auth)
    again = _post(client, "aldermoor-news/statuses", body, **auth)
    assert first.status_code == again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert SandboxPost.objects.count() == 1
    assert first.headers["X-RateLimit-Remaining"]
    page = client.get("/channels/sandbox/aldermoor-news/")
    assert page.status_code == 200
    assert "Roadworks on the A38 &lt;b&gt;tonight&lt;/b&gt;" in page.text  # escaped
    assert "Map of the A38" in page.text
    listed = client.get(
        API + "aldermoor-news/statuses", headers={"Authorization": auth["Authorization"]}
    )
    assert [item["id"] for item in listed.json()] == [first.json()["id"]]


def test_bad_requests_get_json_errors_with_a_code(tokens) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    bearer = {"Authorization": f"Bearer {tokens.access_token}"}
    assert _post(client, "aldermoor-news/statuses", {"text": "x"}, **bearer).json()["code"] == (
        "idempotency_key_required"
    )
    missing_alt = _post(
        client,
        "aldermoor-news/statuses",
        {"text": "x", "media": [{"content_type": "image/png"}]},
        **bearer,
        **{"Idempotency-Key": "k"},
    )
    assert missing_alt.status_code == 422
    assert missing_alt.json()["code"] == "alt_text_required"
    wrong = _post(client, "aldermoor-news/statuses", {"text": "x"}, Authorization="Bearer nope")
    assert wrong.status_code == 401
    assert client.get(API + "nobody/statuses", headers=bearer).status_code == 404
    assert SandboxPost.objects.count() == 0


def test_expired_token_refresh_delete_keeps_the_row_and_metrics(tokens) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    service.expire_token("aldermoor-news")
    bearer = {"Authorization": f"Bearer {tokens.access_token}", "Idempotency-Key": "k1"}
    expired = _post(client, "aldermoor-news/statuses", {"text": "x"}, **bearer)
    assert expired.status_code == 401
    assert expired.json()["code"] == "token_expired"
    fresh = _post(client, "aldermoor-news/token", {"refresh_token": tokens.refresh_token}).json()
    bearer["Authorization"] = f"Bearer {fresh['access_token']}"
    made = _post(client, "aldermoor-news/statuses", {"text": "Hello"}, **bearer).json()
    metrics = client.get(API + f"aldermoor-news/statuses/{made['id']}/metrics", headers=bearer)
    assert metrics.json()["likes"] == 0
    gone = client.delete(API + f"aldermoor-news/statuses/{made['id']}", headers=bearer)
    assert gone.json()["deleted_at"]
    assert SandboxPost.objects.get().deleted_at is not None  # kept, never hard-deleted
    assert "Hello" not in client.get("/channels/sandbox/aldermoor-news/").text


def test_unknown_timeline_is_a_404() -> None:
    assert Client().get("/channels/sandbox/nobody-here/").status_code == 404
