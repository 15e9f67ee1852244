"""Bearer-token authentication: every failure is a 401 JSON body with a stable code."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from conftest import Personas
from herald.api.models import ApiToken
from herald.api.services import revoke_api_token
from herald.api.testing import TEST_ACTOR, api_client, bearer_client, raw_token_for
from herald.councils.roles import Role
from herald.councils.services import revoke_role

ME = "/api/v1/me/"


def assert_unauthorised(response: Any, code: str) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_request_without_a_token_is_401_not_authenticated(personas: Personas) -> None:
    assert_unauthorised(Client().get(ME), "not_authenticated")


def test_signed_in_session_without_a_token_cannot_use_the_api(personas: Personas) -> None:
    assert_unauthorised(personas.client_for(personas.admin).get(ME), "not_authenticated")


def test_unknown_token_is_401_invalid_token(personas: Personas) -> None:
    assert_unauthorised(bearer_client("hrld_not-a-real-token").get(ME), "invalid_token")


@pytest.mark.parametrize(
    "header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer one two", "Token abc", "Béarer ü"]
)
def test_malformed_authorization_header_is_401(personas: Personas, header: str) -> None:
    response = Client(headers={"Authorization": header}).get(ME)
    assert_unauthorised(response, "bad_authorization_header")


def test_revoked_token_is_401_invalid_token(personas: Personas) -> None:
    raw = raw_token_for(personas.hr, Role.HR)
    client = bearer_client(raw)
    assert client.get(ME).status_code == 200
    revoke_api_token(token=ApiToken.objects.get(membership=personas.hr), actor=TEST_ACTOR)
    assert_unauthorised(client.get(ME), "invalid_token")


def test_token_of_a_deactivated_membership_is_401(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    personas.hr.is_active = False
    personas.hr.save()
    assert_unauthorised(client.get(ME), "invalid_token")


def test_token_of_a_deactivated_user_is_401(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    personas.hr.user.is_active = False
    personas.hr.user.save()
    assert_unauthorised(client.get(ME), "invalid_token")


def test_token_of_a_deactivated_council_is_401(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    personas.council.is_active = False
    personas.council.save()
    assert_unauthorised(client.get(ME), "invalid_token")


def test_token_stops_working_when_its_role_is_revoked(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    revoke_role(membership=personas.hr, role=Role.HR, actor=TEST_ACTOR)
    assert_unauthorised(client.get(ME), "token_role_not_held")


def test_line_manager_token_stops_working_when_the_last_report_leaves(
    personas: Personas,
) -> None:
    client = api_client(personas.line_manager, Role.LINE_MANAGER)
    manager = personas.line_manager.staff_member
    assert manager is not None
    manager.direct_reports.update(left_on=datetime.date(2000, 1, 1))
    assert_unauthorised(client.get(ME), "token_role_not_held")


def test_token_use_is_recorded_at_most_once_a_minute(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(ME)
        first = ApiToken.objects.get(membership=personas.hr).last_used_at
        assert first == start
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        client.get(ME)
        assert ApiToken.objects.get(membership=personas.hr).last_used_at == first
    later = start + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        client.get(ME)
        assert ApiToken.objects.get(membership=personas.hr).last_used_at == later


def test_address_matching_no_endpoint_is_a_json_404(personas: Personas) -> None:
    client = api_client(personas.hr, Role.HR)
    for path in ("/api/v1/nothing-here/", "/api/v1/staff/not-a-uuid/", "/api/v1/me"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


def test_unsupported_method_is_a_json_405(personas: Personas) -> None:
    response = api_client(personas.hr, Role.HR).post(ME)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
