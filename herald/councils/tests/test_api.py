"""The tenancy endpoints: who the token is, and its own council's services and teams only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.api.testing import api_client
from herald.core.testing import ServiceFactory, TeamFactory
from herald.councils.roles import Role


def test_me_names_the_tokens_council_role_and_user(personas: Personas) -> None:
    response = api_client(personas.hr, Role.HR).get("/api/v1/me/")
    assert response.status_code == 200
    user = personas.hr.user
    assert response.json() == {
        "council": {
            "id": str(personas.council.public_id),
            "name": "Wessex County Council",
            "slug": "wessex",
        },
        "role": "hr",
        "role_label": "HR",
        "user": {
            "id": str(user.public_id),
            "username": "hr",
            "name": user.display_name,
            "email": user.email,
        },
    }


def test_me_reports_the_role_the_token_acts_in_not_every_role_held(
    personas: Personas,
) -> None:
    response = api_client(personas.hr, Role.ALL_STAFF).get("/api/v1/me/")
    assert response.json()["role"] == "all_staff"


@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/services/", "/api/v1/teams/"])
@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("staff", Role.ALL_STAFF),
        ("committee", Role.COMMITTEE_MEMBER),
        ("line_manager", Role.LINE_MANAGER),
        ("admin", Role.COUNCIL_ADMIN),
    ],
)
def test_every_role_can_read_the_tenancy(
    personas: Personas, path: str, persona: str, role: Role
) -> None:
    assert api_client(getattr(personas, persona), role).get(path).status_code == 200


def test_services_are_only_the_tokens_councils(personas: Personas) -> None:
    ServiceFactory(council=personas.other_council, name="Mercia Parks", slug="parks")
    response = api_client(personas.staff, Role.ALL_STAFF).get("/api/v1/services/")
    assert response.json()["count"] == 1
    assert [s["slug"] for s in response.json()["results"]] == ["libraries"]


def test_outsiders_token_does_not_see_wessex_services(personas: Personas) -> None:
    response = api_client(personas.outsider, Role.HR).get("/api/v1/services/")
    assert response.json()["results"] == []


def test_teams_are_only_the_tokens_councils_and_filter_by_service(
    personas: Personas,
) -> None:
    libraries = personas.council.services.get(slug="libraries")
    waste = ServiceFactory(council=personas.council, name="Waste", slug="waste")
    TeamFactory(service=libraries, name="Mobile libraries")
    TeamFactory(service=waste, name="Collections")
    TeamFactory(service=ServiceFactory(council=personas.other_council), name="Mercia team")
    client = api_client(personas.staff, Role.ALL_STAFF)

    every = client.get("/api/v1/teams/").json()["results"]
    assert [t["name"] for t in every] == ["Mobile libraries", "Collections"]
    waste_only = client.get("/api/v1/teams/", {"service": "waste"}).json()["results"]
    assert waste_only == [
        {
            "id": waste_only[0]["id"],
            "name": "Collections",
            "service": {"id": str(waste.public_id), "name": "Waste", "slug": "waste"},
        }
    ]


def test_a_team_filter_that_is_too_long_is_a_400(personas: Personas) -> None:
    response = api_client(personas.staff, Role.ALL_STAFF).get(
        "/api/v1/teams/", {"service": "x" * 81}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "service" in response.json()["errors"]


def test_listing_teams_takes_the_same_queries_for_few_or_many(personas: Personas) -> None:
    client = api_client(personas.staff, Role.ALL_STAFF)
    client.get("/api/v1/teams/")  # the first call also records the token's use

    def queries_for_teams(number: int) -> int:
        for _ in range(number):
            TeamFactory(service=ServiceFactory(council=personas.council))
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/teams/").status_code == 200
        return len(captured)

    few, many = queries_for_teams(3), queries_for_teams(30)
    assert few == many
    assert many <= 6
