"""The register and findings over the API: the pages' roles, one council only, JSON errors."""

import pytest

from conftest import Personas
from herald.api.testing import api_client
from herald.audit.services import SYSTEM
from herald.councils.roles import Role
from herald.estate import services
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db
ACCOUNTS, FINDINGS = "/api/v1/estate/accounts/", "/api/v1/estate/findings/"


def test_the_digital_team_lists_and_reads_accounts(personas: Personas, estate: Estate) -> None:
    account = make_account(
        council=personas.council, service=estate.service, owner=estate.owner, two_factor="off"
    )
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    listed = client.get(ACCOUNTS).json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert (row["id"], row["network"], row["owner"]["full_name"]) == (
        str(account.public_id),
        "x",
        estate.owner.full_name,
    )
    assert row["open_findings"] == 2  # two-factor off and no deputy
    detail = client.get(f"{ACCOUNTS}{account.public_id}/").json()
    assert detail["open_findings"] == 2
    findings = client.get(FINDINGS, {"kind": "two_factor_off"}).json()
    assert [f["account"]["id"] for f in findings["results"]] == [str(account.public_id)]
    one = findings["results"][0]["id"]
    assert client.get(f"{FINDINGS}{one}/").json()["severity"] == "high"


def test_an_owners_token_sees_only_their_accounts(personas: Personas, estate: Estate) -> None:
    make_account(council=personas.council, service=estate.service, owner=estate.owner, name="Mine")
    theirs = make_account(council=personas.council, service=estate.service, name="Theirs")
    client = api_client(personas.officer, Role.ACCOUNT_OWNER)
    assert [r["name"] for r in client.get(ACCOUNTS).json()["results"]] == ["Mine"]
    assert client.get(f"{ACCOUNTS}{theirs.public_id}/").status_code == 404


def test_another_councils_account_is_not_found(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service)
    client = api_client(personas.outsider, Role.COUNCIL_ADMIN)
    response = client.get(f"{ACCOUNTS}{account.public_id}/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert client.get(ACCOUNTS).json()["count"] == 0


def test_roles_without_the_register_are_refused(personas: Personas) -> None:
    response = api_client(personas.hr, Role.HR).get(ACCOUNTS)
    assert (response.status_code, response.json()["code"]) == (403, "role_not_allowed")


def test_a_bad_filter_is_a_json_error_with_a_code(personas: Personas) -> None:
    response = api_client(personas.admin, Role.COUNCIL_ADMIN).get(ACCOUNTS, {"network": "myspace"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "network" in body["errors"]
