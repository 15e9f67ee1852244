import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.councils.models import RoleAssignment
from herald.councils.roles import Role

pytestmark = pytest.mark.django_db


def _roles(personas: Personas, membership_name: str) -> set[str]:
    membership = getattr(personas, membership_name)
    return set(RoleAssignment.objects.filter(membership=membership).values_list("role", flat=True))


def test_administrator_lists_members_with_their_roles(personas: Personas) -> None:
    page = personas.client_for(personas.admin).get("/councils/members/").content.decode()
    assert "Digital and communications team" in page
    assert personas.outsider.user.username not in page


def test_administrator_changes_roles_and_each_change_is_audited(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    url = f"/councils/members/{personas.staff.public_id}/"
    response = client.post(url, {"roles": [Role.EDITOR, Role.AMBASSADOR]})
    assert response.status_code == 302
    assert _roles(personas, "staff") == {"editor", "ambassador"}
    client.post(url, {"roles": [Role.EDITOR]})
    assert _roles(personas, "staff") == {"editor"}
    actions = list(
        AuditEvent.objects.filter(target_id=str(personas.staff.public_id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["role.granted", "role.granted", "role.revoked"]


def test_a_derived_role_in_the_form_is_refused_and_nothing_changes(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    url = f"/councils/members/{personas.staff.public_id}/"
    response = client.post(url, {"roles": [Role.EDITOR, Role.LINE_MANAGER]})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert _roles(personas, "staff") == set()


def test_administrators_cannot_remove_their_own_administration(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    response = client.post(f"/councils/members/{personas.admin.public_id}/", {"roles": []})
    assert response.status_code == 200
    assert "You cannot remove your own administrator role" in response.content.decode()
    assert _roles(personas, "admin") == {"council_admin"}


def test_another_councils_member_is_a_404(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    url = f"/councils/members/{personas.outsider.public_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"roles": [Role.HR]}).status_code == 404
    assert _roles(personas, "outsider") == {"council_admin", "hr"}


def test_a_malformed_member_id_is_a_404(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    assert client.get("/councils/members/not-a-uuid/").status_code == 404


def test_non_administrators_cannot_change_roles(personas: Personas) -> None:
    url = f"/councils/members/{personas.staff.public_id}/"
    for membership in (personas.hr, personas.digital_lead, personas.line_manager):
        assert personas.client_for(membership).post(url, {"roles": [Role.HR]}).status_code == 403
    assert _roles(personas, "staff") == set()


def test_organisation_page_lists_services_with_staff_counts(personas: Personas) -> None:
    page = personas.client_for(personas.hr).get("/councils/organisation/").content.decode()
    assert "Libraries" in page
