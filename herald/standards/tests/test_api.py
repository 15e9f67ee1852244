"""``POST /api/v1/standards/check``: one text or a batch, under the token's council's pack."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Personas
from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.standards import services
from herald.standards.testing import TEST_ACTOR

pytestmark = pytest.mark.django_db
URL = "/api/v1/standards/check"


def _post(client: Any, body: object) -> Any:
    return client.post(URL, body, content_type="application/json")


def test_any_role_checks_one_text(personas: Personas) -> None:
    client = api_client(personas.committee, Role.COMMITTEE_MEMBER)
    response = _post(client, {"id": "p1", "text": "Email jo@example.com", "network": "x"})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "p1"
    (finding,) = body["findings"]
    assert finding["rule"] == "personal_data.email"
    assert (finding["start"], finding["end"]) == (6, 20)


def test_the_batch_form_answers_each_item_in_order(personas: Personas) -> None:
    client = api_client(personas.staff, Role.ALL_STAFF)
    items = [{"id": 1, "text": "a@example.com"}, {"text": "Nothing to see"}]
    response = _post(client, {"items": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [1, None]
    assert [len(r["findings"]) for r in results] == [1, 0]


def test_the_tokens_councils_pack_applies(personas: Personas) -> None:
    services.update_contact_details(
        council=personas.council,
        actor=TEST_ACTOR,
        phone_numbers=[],
        email_domains=["example.com"],
        postcodes=[],
        prohibited_terms=[],
    )
    text = {"text": "Email jo@example.com"}
    ours = _post(api_client(personas.staff, Role.ALL_STAFF), text).json()
    theirs = _post(api_client(personas.outsider, Role.HR), text).json()
    assert ours["findings"] == []
    assert len(theirs["findings"]) == 1


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"id": "x"}, "missing_text", "text"),
        ({"text": 12}, "text_not_string", "text"),
        ({"text": ["a"]}, "text_not_string", "text"),
        ({"text": "hi", "network": "myspace"}, "unknown_network", "network"),
        ({"text": "a" * 1_000_001}, "too_long", "text"),
        ({"items": []}, "no_items", "items"),
        ({"items": [{"text": "ok"}] * 501}, "too_many_items", "items"),
        ({"items": [{"text": "ok"}, {"id": 2}]}, "missing_text", "items[1].text"),
        ([1, 2], "not_an_object", "non_field_errors"),
    ],
)
def test_bad_bodies_get_a_clear_error_code(
    personas: Personas, body: object, code: str, field: str
) -> None:
    response = _post(api_client(personas.staff, Role.ALL_STAFF), body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == code
    assert field in error["errors"]


def test_invalid_json_is_a_parse_error(personas: Personas) -> None:
    client = api_client(personas.staff, Role.ALL_STAFF)
    response = client.post(URL, "{not json", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "parse_error")


def test_without_a_token_the_answer_is_401(personas: Personas) -> None:
    from django.test import Client  # noqa: PLC0415

    response = Client().post(URL, {"text": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_a_body_over_the_upload_limit_is_a_clear_error(personas: Personas, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = _post(api_client(personas.staff, Role.ALL_STAFF), {"text": "a" * 2_000})
    assert (response.status_code, response.json()["code"]) == (400, "request_too_large")
