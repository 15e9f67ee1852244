"""The token commands: create prints the raw token once; revoke stops it working."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import Personas
from herald.api.models import ApiToken
from herald.api.testing import bearer_client, raw_token_for
from herald.audit.models import AuditEvent
from herald.councils.roles import Role


def create(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_api_token_prints_a_working_token_once(personas: Personas) -> None:
    raw, notes = create(
        "--council", "wessex", "--username", "hr", "--role", "hr", "--name", "Power BI"
    )
    token = ApiToken.objects.get()
    assert str(token.public_id) in notes
    assert raw not in notes
    response = bearer_client(raw).get("/api/v1/me/")
    assert response.json()["role"] == "hr"
    assert AuditEvent.objects.get(action="api_token.issued").actor_label == (
        "Operator (command line)"
    )


@pytest.mark.parametrize(
    ("council", "username", "role", "message"),
    [
        ("nowhere", "hr", "hr", "No active council"),
        ("wessex", "outsider", "hr", "is not a member"),
        ("mercia", "hr", "hr", "is not a member"),
        ("wessex", "hr", "council_admin", "does not hold"),
    ],
)
def test_create_api_token_refuses_what_it_cannot_issue(
    personas: Personas, council: str, username: str, role: str, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        create("--council", council, "--username", username, "--role", role, "--name", "X")
    assert not ApiToken.objects.exists()


def test_revoke_api_token_stops_the_token_working(personas: Personas) -> None:
    raw = raw_token_for(personas.hr, Role.HR)
    token = ApiToken.objects.get()
    out = StringIO()
    call_command(
        "revoke_api_token", "--council", "wessex", "--id", str(token.public_id), stdout=out
    )
    assert "is revoked" in out.getvalue()
    assert bearer_client(raw).get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize("token_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_revoke_api_token_refuses_an_unknown_id(personas: Personas, token_id: str) -> None:
    with pytest.raises(CommandError, match="has no API token"):
        call_command("revoke_api_token", "--council", "wessex", "--id", token_id)


def test_revoke_api_token_cannot_reach_another_councils_token(personas: Personas) -> None:
    raw = raw_token_for(personas.outsider, Role.HR)
    token = ApiToken.objects.get()
    with pytest.raises(CommandError, match="has no API token"):
        call_command("revoke_api_token", "--council", "wessex", "--id", str(token.public_id))
    assert bearer_client(raw).get("/api/v1/me/").status_code == 200
