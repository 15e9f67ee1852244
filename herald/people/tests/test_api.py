"""Staff over the API: the staff pages' roles, a line manager's reports only, one council only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from conftest import Personas
from herald.api.testing import api_client
from herald.core.testing import ServiceFactory, StaffMemberFactory, TeamFactory
from herald.councils.roles import Role
from herald.people.models import StaffMember

STAFF = "/api/v1/staff/"


def detail(member: StaffMember) -> str:
    return f"{STAFF}{member.public_id}/"


def names(response: Any) -> set[str]:
    return {row["full_name"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("persona", "role"),
    [("hr", Role.HR), ("admin", Role.COUNCIL_ADMIN), ("digital_lead", Role.DIGITAL_TEAM)],
)
def test_staff_viewers_list_and_read_every_staff_record(
    personas: Personas, persona: str, role: Role
) -> None:
    client = api_client(getattr(personas, persona), role)
    listed = client.get(STAFF)
    assert listed.status_code == 200
    assert listed.json()["count"] == personas.council.staff_members.count()
    other = personas.ict.staff_member
    assert other is not None
    assert client.get(detail(other)).json()["employee_number"] == other.employee_number


@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("officer", Role.ACCOUNT_OWNER),
        ("editor", Role.EDITOR),
        ("approver", Role.APPROVER),
        ("ict", Role.ICT),
        ("ambassador", Role.AMBASSADOR),
        ("committee", Role.COMMITTEE_MEMBER),
        ("staff", Role.ALL_STAFF),
        # A member holding HR whose token acts as plain staff gets plain staff's access.
        ("hr", Role.ALL_STAFF),
    ],
)
def test_other_roles_may_not_read_staff_records(
    personas: Personas, persona: str, role: Role
) -> None:
    client = api_client(getattr(personas, persona), role)
    record = personas.staff.staff_member
    assert record is not None
    for path in (STAFF, detail(record)):
        response = client.get(path)
        assert response.status_code == 403, path
        assert response.json()["code"] == "role_not_allowed"


def test_line_manager_token_lists_only_their_direct_reports(personas: Personas) -> None:
    StaffMemberFactory(council=personas.council, first_name="Not", last_name="Mine")
    response = api_client(personas.line_manager, Role.LINE_MANAGER).get(STAFF)
    manager = personas.line_manager.staff_member
    assert manager is not None
    expected = {m.full_name for m in manager.direct_reports.all()}
    assert names(response) == expected
    assert "Not Mine" not in names(response)
    assert manager.full_name not in names(response)


def test_line_manager_token_reads_a_report_but_not_anyone_else(personas: Personas) -> None:
    client = api_client(personas.line_manager, Role.LINE_MANAGER)
    report = personas.staff.staff_member
    assert report is not None
    stranger = StaffMemberFactory(council=personas.council)
    assert client.get(detail(report)).status_code == 200
    response = client.get(detail(stranger))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_staff_record_shows_what_the_detail_page_shows(personas: Personas) -> None:
    team = TeamFactory(service=personas.council.services.get(slug="libraries"), name="Branches")
    manager = personas.line_manager.staff_member
    assert manager is not None
    record = StaffMemberFactory(
        council=personas.council,
        first_name="Ada",
        last_name="Lovelace",
        service=team.service,
        team=team,
        line_manager=manager,
        started_on=datetime.date(2020, 4, 1),
    )
    body = api_client(personas.hr, Role.HR).get(detail(record)).json()
    assert body["full_name"] == "Ada Lovelace"
    assert body["service"]["slug"] == "libraries"
    assert body["team"] == {"id": str(team.public_id), "name": "Branches"}
    assert body["line_manager"] == {"id": str(manager.public_id), "full_name": manager.full_name}
    assert (body["started_on"], body["left_on"]) == ("2020-04-01", None)


def test_another_councils_staff_record_is_a_404_both_ways(personas: Personas) -> None:
    mercia_record = personas.outsider.staff_member
    wessex_record = personas.staff.staff_member
    assert mercia_record is not None
    assert wessex_record is not None
    wessex = api_client(personas.hr, Role.HR)
    mercia = api_client(personas.outsider, Role.HR)
    for client, record in ((wessex, mercia_record), (mercia, wessex_record)):
        response = client.get(detail(record))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert names(mercia.get(STAFF)) == {mercia_record.full_name}
    assert mercia_record.full_name not in names(wessex.get(STAFF))


def test_staff_list_searches_and_filters_like_the_staff_page(personas: Personas) -> None:
    waste = ServiceFactory(council=personas.council, name="Waste", slug="waste")
    StaffMemberFactory(council=personas.council, first_name="Grace", last_name="Hopper")
    StaffMemberFactory(council=personas.council, first_name="Alan", service=waste)
    StaffMemberFactory(
        council=personas.council, first_name="Gone", left_on=datetime.date(2001, 1, 1)
    )
    client = api_client(personas.hr, Role.HR)
    assert names(client.get(STAFF, {"search": "grace hop"})) == {"Grace Hopper"}
    assert {r["first_name"] for r in client.get(STAFF, {"service": "waste"}).json()["results"]} == {
        "Alan"
    }
    assert "Gone" not in {r["first_name"] for r in client.get(STAFF).json()["results"]}
    with_leavers = client.get(STAFF, {"include_leavers": "true", "search": "gone"})
    assert {r["first_name"] for r in with_leavers.json()["results"]} == {"Gone"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"include_leavers": "perhaps"}, "include_leavers"),
        ({"search": "x" * 101}, "search"),
        # PostgreSQL cannot compare text with a null character, so it is refused up front.
        ({"search": "a\x00b"}, "search"),
    ],
)
def test_bad_staff_filters_are_a_400_naming_the_parameter(
    personas: Personas, params: dict[str, str], field: str
) -> None:
    response = api_client(personas.hr, Role.HR).get(STAFF, params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]


def test_staff_list_pages_and_a_page_past_the_end_is_a_404(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    first = client.get(STAFF, {"page_size": 5}).json()
    assert len(first["results"]) == 5
    assert first["next"] is not None
    response = client.get(STAFF, {"page": "999"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "last"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "201"}, "page_size"),
        ({"page_size": "lots"}, "page_size"),
    ],
)
def test_a_page_or_page_size_out_of_range_is_a_400(
    personas: Personas, params: dict[str, str], field: str
) -> None:
    response = api_client(personas.hr, Role.HR).get(STAFF, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("persona", "role"), [("hr", Role.HR), ("line_manager", Role.LINE_MANAGER)]
)
def test_listing_staff_takes_the_same_queries_for_5_or_50(
    personas: Personas,
    persona: str,
    role: Role,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = api_client(getattr(personas, persona), role)
    client.get(STAFF)  # the first call also records the token's use
    manager = personas.line_manager.staff_member
    service = personas.council.services.get(slug="libraries")

    def queries_for(number: int) -> int:
        for _ in range(number):
            team = TeamFactory(service=service)
            StaffMemberFactory(
                council=personas.council, service=service, team=team, line_manager=manager
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(STAFF, {"page_size": 100}).status_code == 200
        return len(captured)

    assert queries_for(5) == queries_for(45)
    with django_assert_max_num_queries(6):
        client.get(STAFF, {"page_size": 100})
