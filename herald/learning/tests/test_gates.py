"""Publishing roles follow training, once the council has set the rule up."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.councils.gates import RoleRefused
from herald.councils.roles import Role
from herald.councils.services import grant_role
from herald.learning.testing import ensure_policy_in_force, ensure_publisher_module, make_trained

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def today() -> object:
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, 0), tick=False) as traveller:
        yield traveller


def test_without_a_policy_in_force_anyone_may_be_made_an_editor(personas: Personas) -> None:
    ensure_publisher_module(council_id=personas.council.pk)

    grant_role(membership=personas.staff, role=Role.EDITOR, actor=SYSTEM)

    assert personas.staff.role_assignments.filter(role=Role.EDITOR).exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.APPROVER, Role.ACCOUNT_OWNER])
def test_an_untrained_person_cannot_be_given_a_publishing_role(
    personas: Personas, role: Role
) -> None:
    ensure_policy_in_force(council_id=personas.council.pk, on=TODAY)
    ensure_publisher_module(council_id=personas.council.pk)

    with pytest.raises(RoleRefused, match="until they have passed"):
        grant_role(membership=personas.staff, role=role, actor=SYSTEM)

    assert not personas.staff.role_assignments.filter(role=role).exists()
    assert not AuditEvent.objects.filter(action="role.granted").exists()


def test_a_trained_person_can_be_given_a_publishing_role(personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.staff), on=TODAY)

    grant_role(membership=personas.staff, role=Role.APPROVER, actor=SYSTEM)

    assert personas.staff.role_assignments.filter(role=Role.APPROVER).exists()


def test_other_roles_are_not_gated(personas: Personas) -> None:
    ensure_policy_in_force(council_id=personas.council.pk, on=TODAY)
    ensure_publisher_module(council_id=personas.council.pk)

    grant_role(membership=personas.staff, role=Role.AMBASSADOR, actor=SYSTEM)

    assert personas.staff.role_assignments.filter(role=Role.AMBASSADOR).exists()


def test_the_members_page_shows_the_refusal(personas: Personas) -> None:
    ensure_policy_in_force(council_id=personas.council.pk, on=TODAY)
    ensure_publisher_module(council_id=personas.council.pk)
    client = personas.client_for(personas.admin)

    response = client.post(
        f"/councils/members/{personas.staff.public_id}/", {"roles": [Role.EDITOR.value]}
    )

    assert response.status_code == 200
    assert "until they have passed" in response.content.decode()
    assert not personas.staff.role_assignments.filter(role=Role.EDITOR).exists()
