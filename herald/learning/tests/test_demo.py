"""The demo councils' policies, modules and mixed training states."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from herald.audit.services import SYSTEM
from herald.councils.gates import RoleRefused
from herald.councils.models import Council, Membership
from herald.councils.roles import Role
from herald.councils.services import grant_role
from herald.learning.compliance import compliance_by_service
from herald.learning.models import Completion, PolicyDocument, PolicyVersion
from herald.learning.selectors import trained_staff_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def aldermoor() -> Council:
    call_command("load_demo_council", stdout=StringIO())
    return Council.objects.get(slug="aldermoor")


def test_the_demo_council_has_its_policy_strategy_and_guidelines(aldermoor: Council) -> None:
    kinds = set(aldermoor.policy_documents.values_list("kind", flat=True))
    policy = aldermoor.policy_versions.get(
        document__kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, status=PolicyVersion.Status.APPROVED
    )

    assert {"social_media_policy", "strategy", "guidelines"} <= kinds
    assert policy.number == 2
    assert "Aldermoor County Council" in policy.body


def test_demo_publishers_are_trained_and_others_are_mixed(aldermoor: Council) -> None:
    publishers = Membership.objects.filter(
        council=aldermoor, user__username__in=["demo-editor", "demo-approver", "demo-owner"]
    ).values_list("staff_member_id", flat=True)
    rows = compliance_by_service(council=aldermoor, on=datetime.date.today())
    staff = sum(r.staff for r in rows)
    aware = sum(r.aware for r in rows)

    assert trained_staff_ids(council=aldermoor, staff_ids=publishers) == set(publishers)
    assert 0 < aware < staff
    assert Completion.objects.filter(
        council=aldermoor, expires_on__lt=datetime.date.today()
    ).exists()


def test_the_demo_gate_refuses_an_untrained_person(aldermoor: Council) -> None:
    staff = Membership.objects.get(council=aldermoor, user__username="demo-staff")

    with pytest.raises(RoleRefused):
        grant_role(membership=staff, role=Role.EDITOR, actor=SYSTEM)


def test_loading_the_demo_twice_adds_nothing(aldermoor: Council) -> None:
    before = (PolicyVersion.objects.count(), Completion.objects.count())

    call_command("load_demo_council", stdout=StringIO())

    assert (PolicyVersion.objects.count(), Completion.objects.count()) == before


def test_the_demo_has_an_ambassador_and_a_session(aldermoor: Council) -> None:
    assert aldermoor.ambassadors.filter(status="approved").count() == 1
    assert aldermoor.training_sessions.count() == 1


def test_the_demo_has_a_restricted_record_for_demo_staffs_manager(aldermoor: Council) -> None:
    matter = aldermoor.conduct_records.get()
    person = aldermoor.memberships.get(user__username="demo-staff").staff_member

    assert matter.staff_member == person
    assert person is not None
    assert matter.raised_by == person.line_manager
    assert matter.notes.count() == 1
