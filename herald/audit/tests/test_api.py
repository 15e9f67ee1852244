"""The audit trail over the API: council administrators only, their own council only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from conftest import Personas
from herald.api.testing import api_client
from herald.audit.models import AuditEvent
from herald.audit.services import Actor, record
from herald.councils.models import Council
from herald.councils.roles import Role

EVENTS = "/api/v1/audit-events/"


def event(council: Council, action: str = "test.changed", summary: str = "Changed") -> AuditEvent:
    return record(
        council=council, actor=Actor(user=None, label="Tester"), action=action, summary=summary
    )


def summaries(response: Any) -> list[str]:
    return [row["summary"] for row in response.json()["results"]]


def test_administrator_reads_their_councils_events_newest_first(personas: Personas) -> None:
    client = api_client(personas.admin, Role.COUNCIL_ADMIN)
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC), tick=False):
        first = event(personas.council, summary="First")
    with time_machine.travel(datetime.datetime(2026, 1, 6, 9, tzinfo=datetime.UTC), tick=False):
        event(personas.council, summary="Second")
    event(personas.other_council, summary="Mercia's")

    response = client.get(EVENTS, {"action": "test.changed"})
    assert response.status_code == 200
    assert summaries(response) == ["Second", "First"]
    row = response.json()["results"][1]
    assert row["id"] == str(first.public_id)
    assert row["actor"] == {"id": None, "name": "Tester"}
    assert row["created_at"] == "2026-01-05T09:00:00Z"


def test_outsiders_administrator_token_sees_none_of_wessex_events(personas: Personas) -> None:
    event(personas.council, summary="Wessex secret")
    response = api_client(personas.outsider, Role.COUNCIL_ADMIN).get(EVENTS)
    assert response.status_code == 200
    assert "Wessex secret" not in summaries(response)


def test_audit_events_filter_like_the_audit_page(personas: Personas) -> None:
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        record(
            council=personas.council,
            actor=Actor(user=personas.hr.user),
            action="staff.changed",
            summary="March",
            target=personas.staff.staff_member,
        )
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        event(personas.council, action="staff.changed", summary="April")
    client = api_client(personas.admin, Role.COUNCIL_ADMIN)
    base = {"action": "staff.changed"}
    assert summaries(client.get(EVENTS, {**base, "until": "2026-03-31"})) == ["March"]
    assert summaries(client.get(EVENTS, {**base, "since": "2026-03-02"})) == ["April"]
    assert summaries(client.get(EVENTS, {**base, "actor": personas.hr.user.display_name})) == [
        "March"
    ]
    target = personas.staff.staff_member
    assert target is not None
    assert summaries(client.get(EVENTS, {**base, "target": target.last_name})) == ["March"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2026-02-30"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"since": "2026-03-02", "until": "2026-03-01"}, "until"),
        ({"actor": "x" * 101}, "actor"),
    ],
)
def test_bad_audit_filters_are_a_400_naming_the_parameter(
    personas: Personas, params: dict[str, str], field: str
) -> None:
    response = api_client(personas.admin, Role.COUNCIL_ADMIN).get(EVENTS, params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("hr", Role.HR),
        ("digital_lead", Role.DIGITAL_TEAM),
        ("line_manager", Role.LINE_MANAGER),
        ("staff", Role.ALL_STAFF),
        ("admin", Role.ALL_STAFF),
    ],
)
def test_only_council_administrators_read_the_audit_trail(
    personas: Personas, persona: str, role: Role
) -> None:
    response = api_client(getattr(personas, persona), role).get(EVENTS)
    assert response.status_code == 403
    assert response.json()["code"] == "role_not_allowed"


def test_listing_audit_events_takes_the_same_queries_for_few_or_many(
    personas: Personas, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = api_client(personas.admin, Role.COUNCIL_ADMIN)
    client.get(EVENTS)  # the first call also records the token's use

    def queries_for(number: int) -> int:
        for index in range(number):
            record(
                council=personas.council,
                actor=Actor(user=personas.hr.user),
                action="test.changed",
                summary=f"Event {index}",
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(EVENTS, {"page_size": 100}).status_code == 200
        return len(captured)

    assert queries_for(5) == queries_for(45)
    with django_assert_max_num_queries(6):
        client.get(EVENTS, {"page_size": 100})
