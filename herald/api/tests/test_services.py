"""Issuing and revoking tokens: only roles the member holds, the raw token once, always audited."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.api.models import ApiToken, hash_token
from herald.api.services import (
    MembershipInactive,
    RoleNotHeld,
    TokenNameInvalid,
    issue_api_token,
    revoke_api_token,
)
from herald.api.testing import TEST_ACTOR
from herald.audit.models import AuditEvent
from herald.councils.roles import Role


def test_issuing_a_token_returns_the_raw_value_and_stores_only_its_hash(
    personas: Personas,
) -> None:
    issued = issue_api_token(
        membership=personas.hr, role=Role.HR, name=" Power BI ", actor=TEST_ACTOR
    )
    token = ApiToken.objects.get()
    assert issued.token == token
    assert issued.raw_token.startswith("hrld_")
    assert token.token_hash == hash_token(issued.raw_token)
    assert issued.raw_token not in token.token_hash
    assert (token.council, token.role, token.name) == (personas.council, Role.HR, "Power BI")


def test_issuing_a_token_is_audited_without_the_raw_value(personas: Personas) -> None:
    issued = issue_api_token(membership=personas.hr, role=Role.HR, name="BI", actor=TEST_ACTOR)
    event = AuditEvent.objects.get(action="api_token.issued")
    assert event.council == personas.council
    assert event.actor_label == "Test suite"
    assert event.target_id == str(issued.token.public_id)
    assert event.changes == {"role": [None, "hr"], "name": [None, "BI"]}
    assert issued.raw_token not in str(event.changes) + event.summary


@pytest.mark.parametrize("role", [Role.COUNCIL_ADMIN, Role.EDITOR, Role.LINE_MANAGER])
def test_a_token_cannot_act_in_a_role_the_member_does_not_hold(
    personas: Personas, role: Role
) -> None:
    with pytest.raises(RoleNotHeld):
        issue_api_token(membership=personas.hr, role=role, name="BI", actor=TEST_ACTOR)
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token.issued").exists()


def test_a_line_manager_may_have_a_line_manager_token(personas: Personas) -> None:
    issued = issue_api_token(
        membership=personas.line_manager, role=Role.LINE_MANAGER, name="Team", actor=TEST_ACTOR
    )
    assert issued.token.role == Role.LINE_MANAGER


def test_every_member_may_have_an_all_staff_token(personas: Personas) -> None:
    issued = issue_api_token(
        membership=personas.staff, role=Role.ALL_STAFF, name="Me", actor=TEST_ACTOR
    )
    assert issued.token.role == Role.ALL_STAFF


def test_a_deactivated_member_cannot_be_issued_a_token(personas: Personas) -> None:
    personas.hr.is_active = False
    personas.hr.save()
    with pytest.raises(MembershipInactive):
        issue_api_token(membership=personas.hr, role=Role.HR, name="BI", actor=TEST_ACTOR)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_sensible_name(personas: Personas, name: str) -> None:
    with pytest.raises(TokenNameInvalid):
        issue_api_token(membership=personas.hr, role=Role.HR, name=name, actor=TEST_ACTOR)


def test_revoking_a_token_records_when_and_is_audited_once(personas: Personas) -> None:
    token = issue_api_token(membership=personas.hr, role=Role.HR, name="BI", actor=TEST_ACTOR).token
    revoked = revoke_api_token(token=token, actor=TEST_ACTOR)
    assert revoked.revoked_at is not None
    first_revoked_at = revoked.revoked_at
    again = revoke_api_token(token=ApiToken.objects.get(pk=token.pk), actor=TEST_ACTOR)
    assert again.revoked_at == first_revoked_at
    events = AuditEvent.objects.filter(action="api_token.revoked")
    assert events.count() == 1
    assert events.get().target_id == str(token.public_id)
    assert not ApiToken.objects.usable().exists()
