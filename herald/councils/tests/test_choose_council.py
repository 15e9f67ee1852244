import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.councils.models import Membership
from herald.councils.roles import Role
from herald.councils.services import (
    CrossCouncilReference,
    RoleIsDerived,
    add_member,
    grant_role,
    revoke_role,
)

pytestmark = pytest.mark.django_db


def _second_membership(personas: Personas) -> Membership:
    return Membership.objects.create(council=personas.other_council, user=personas.hr.user)


def test_a_person_in_two_councils_must_choose_before_working(personas: Personas) -> None:
    _second_membership(personas)
    client = personas.client_for(personas.hr)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/councils/choose/"
    page = client.get("/councils/choose/").content.decode()
    assert "Wessex County Council" in page
    assert "Mercia District Council" in page


def test_choosing_a_council_works_in_it(personas: Personas) -> None:
    mercia = _second_membership(personas)
    client = personas.client_for(personas.hr)
    response = client.post("/councils/choose/", {"council": str(mercia.public_id)})
    assert response.status_code == 302
    assert "Mercia District Council" in client.get("/").content.decode()


def test_a_council_you_do_not_belong_to_cannot_be_chosen(personas: Personas) -> None:
    _second_membership(personas)
    client = personas.client_for(personas.hr)
    response = client.post("/councils/choose/", {"council": str(personas.outsider.public_id)})
    assert response.status_code == 200
    assert "Select the council you are working in" in response.content.decode()
    assert client.get("/").status_code == 302


def test_an_inactive_membership_gives_no_access(personas: Personas) -> None:
    personas.staff.is_active = False
    personas.staff.save()
    client = personas.client_for(personas.staff)
    assert client.get("/").status_code == 302
    assert "not a member of any council" in client.get("/councils/choose/").content.decode()


def test_granting_and_revoking_a_role_is_audited(personas: Personas) -> None:
    grant_role(membership=personas.staff, role=Role.EDITOR, actor=SYSTEM)
    grant_role(membership=personas.staff, role=Role.EDITOR, actor=SYSTEM)  # no second event
    revoke_role(membership=personas.staff, role=Role.EDITOR, actor=SYSTEM)
    actions = list(
        AuditEvent.objects.filter(council=personas.council, action__startswith="role.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["role.granted", "role.revoked"]


def test_derived_roles_cannot_be_granted(personas: Personas) -> None:
    with pytest.raises(RoleIsDerived):
        grant_role(membership=personas.staff, role=Role.LINE_MANAGER, actor=SYSTEM)


def test_a_staff_record_of_another_council_cannot_be_linked(personas: Personas) -> None:
    with pytest.raises(CrossCouncilReference):
        add_member(
            council=personas.council,
            user=personas.outsider.user,
            staff_member=personas.outsider.staff_member,
            actor=SYSTEM,
        )


def test_switch_council_is_offered_only_to_people_in_several_councils(personas: Personas) -> None:
    single = personas.client_for(personas.staff)
    assert "Switch council" not in single.get("/").content.decode()
    mercia = _second_membership(personas)
    several = personas.client_for(personas.hr)
    several.post("/councils/choose/", {"council": str(mercia.public_id)})
    assert "Switch council" in several.get("/").content.decode()
