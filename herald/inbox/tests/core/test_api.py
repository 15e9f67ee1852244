"""The conversations API: list with filters and a cursor, detail, triage actions, JSON errors
with codes, role and council scoping."""

from __future__ import annotations

import pytest

from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.inbox import services
from herald.inbox.models import Conversation
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db
API = "/api/v1/inbox/conversations/"


def _collect(inbox: Inbox, count: int = 1, **fields: object) -> list[Conversation]:
    for n in range(count):
        make_mention(
            council=inbox.personas.council,
            account=inbox.account,
            text=f"Question {n}",
            service_label="libraries",
            **fields,
        )
    services.collect_for(council=inbox.personas.council)
    return list(Conversation.objects.order_by("id"))


def test_the_list_pages_with_a_cursor_and_filters(inbox: Inbox) -> None:
    _collect(inbox, count=30)
    client = api_client(inbox.personas.digital_lead, Role.DIGITAL_TEAM)
    first = client.get(API).json()
    assert first["count"] == 30
    assert len(first["results"]) == 25
    second = client.get(API, {"after": first["next"]}).json()
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert client.get(API, {"priority": "urgent"}).json()["count"] == 0
    assert client.get(API, {"team": str(inbox.team.public_id)}).json()["count"] == 30


def test_bad_filters_are_json_errors_with_codes(inbox: Inbox) -> None:
    client = api_client(inbox.personas.digital_lead, Role.DIGITAL_TEAM)
    bad = client.get(API, {"status": "lost"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"
    other_team = client.get(API, {"team": "3f2c0000-0000-4000-8000-000000000000"})
    assert other_team.status_code == 404
    assert client.get(API + "not-a-uuid/").json()["code"] == "not_found"


def test_triage_through_the_api_and_refusals_with_codes(inbox: Inbox) -> None:
    conversation = _collect(inbox)[0]
    client = api_client(inbox.personas.editor, Role.EDITOR)
    url = f"{API}{conversation.public_id}/triage/"
    refused = client.post(
        url, {"action": "close", "status": "resolved"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    foi = client.post(
        url,
        {"action": "escalate", "kind": "foi", "text": "Figures"},
        content_type="application/json",
    )
    assert foi.json()["code"] == "foi_needs_real_name"
    done = client.post(
        url,
        {"action": "close", "status": "resolved", "outcome": "answered"},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["status"] == "resolved"
    again = client.post(
        url,
        {"action": "close", "status": "resolved", "outcome": "answered"},
        content_type="application/json",
    )
    assert again.json()["code"] == "transition_not_allowed"


def test_roles_and_councils_are_enforced(inbox: Inbox) -> None:
    conversation = _collect(inbox)[0]
    assert api_client(inbox.personas.hr, Role.HR).get(API).status_code == 403
    outsider = api_client(inbox.personas.outsider, Role.COUNCIL_ADMIN)
    assert outsider.get(f"{API}{conversation.public_id}/").status_code == 404
    assert outsider.get(API).json()["count"] == 0
