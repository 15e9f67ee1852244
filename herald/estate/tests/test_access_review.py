"""The access review: who holds which publishing role and position on which account, and flags."""

import datetime
import html

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.core.testing import ServiceFactory, StaffMemberFactory, make_member
from herald.councils.models import RoleAssignment
from herald.councils.roles import Role
from herald.estate import services
from herald.estate.access import access_review
from herald.estate.models import AdminAccess, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate
from herald.people.models import StaffMember

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 6, 1)


def account_with_admin(personas: Personas, estate: Estate, admin: StaffMember) -> SocialAccount:
    account = make_account(
        council=personas.council, service=estate.service, owner=estate.owner, deputy=estate.deputy
    )
    services.grant_access(
        account=account, actor=SYSTEM, level=AdminAccess.Level.EDITOR, staff_member=admin
    )
    return account


@pytest.fixture
def leaver(personas: Personas) -> StaffMember:
    """An admin with no publishing role and no line manager in the personas' team, who left."""
    return StaffMemberFactory(
        council=personas.council,
        first_name="Ada",
        last_name="Quill",
        left_on=datetime.date(2027, 5, 1),
    )


@time_machine.travel(TODAY)
def test_hr_sees_every_holder_with_roles_positions_training_and_flags(
    personas: Personas, estate: Estate, leaver: StaffMember
) -> None:
    account = account_with_admin(personas, estate, leaver)
    events = AuditEvent.objects.count()
    page = personas.client_for(personas.hr).get("/estate/access/")
    assert page.status_code == 200
    rows = {row["name"]: row for row in review(personas)}
    owner, deputy = estate.owner.full_name, estate.deputy.full_name
    editor = personas.record_of(personas.editor).full_name
    assert rows[owner]["roles"] == ["Service account owner"]
    assert rows[owner]["positions"] == [(account.name, "Owner")]
    assert rows[owner]["flags"] == []
    assert rows[deputy]["roles"] == []
    assert rows[deputy]["flags"] == []
    assert rows[editor]["flags"] == ["untrained", "role_no_account"]
    assert rows["Ada Quill"]["positions"] == [(account.name, "Admin access (editor)")]
    assert rows["Ada Quill"]["flags"] == ["left", "untrained", "admin_no_role"]
    assert personas.record_of(personas.hr).full_name not in rows  # holds no publishing right
    assert "Ada Quill" in page.text
    assert "Admin access but no publishing role" in page.text
    assert AuditEvent.objects.count() == events  # viewing is not audited


def review(personas: Personas, **filters: str) -> list[dict[str, object]]:
    holders = access_review(council=personas.council, today=TODAY, **filters)  # type: ignore[arg-type]
    return [
        {
            "name": h.name,
            "roles": h.roles,
            "positions": [(p.account_name, p.position) for p in h.positions],
            "flags": h.flags,
        }
        for h in holders
    ]


@time_machine.travel(TODAY)
def test_the_review_filters_by_flag_and_service_and_downloads_as_csv(
    personas: Personas, estate: Estate, leaver: StaffMember
) -> None:
    account_with_admin(personas, estate, leaver)
    elsewhere = ServiceFactory(council=personas.council, name="Waste", slug="waste")
    make_member(
        council=personas.council, username="binman", roles=(Role.EDITOR,), service=elsewhere
    )
    assert [row["name"] for row in review(personas, flag="left")] == ["Ada Quill"]
    assert len(review(personas, service_slug="waste")) == 1
    client = personas.client_for(personas.ict)
    flagged = client.get("/estate/access/", {"flag": "left"})
    assert "1 person." in flagged.text
    assert "Ada Quill" in flagged.text
    waste = client.get("/estate/access/", {"service": "waste"})
    assert "1 person." in waste.text
    assert "Ada Quill" not in waste.text
    nonsense = client.get("/estate/access/", {"flag": "nonsense"})
    assert "Ada Quill" in nonsense.text  # an unknown flag filters nothing
    download = client.get("/estate/access/", {"flag": "left", "download": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    lines = download.content.decode().splitlines()
    assert lines[0].startswith("name,email,service,publishing roles")
    assert len(lines) == 2
    assert lines[1].startswith("Ada Quill,")
    assert "Left the council; Not trained; Admin access but no publishing role" in lines[1]


@time_machine.travel(TODAY)
def test_a_line_manager_sees_only_their_direct_reports(
    personas: Personas, estate: Estate, leaver: StaffMember
) -> None:
    account_with_admin(personas, estate, leaver)
    page = personas.client_for(personas.line_manager).get("/estate/access/team/")
    text = html.unescape(page.text)  # generated names can hold an apostrophe ("O'Neill")
    assert estate.owner.full_name in text
    assert estate.deputy.full_name in text
    assert "Ada Quill" not in page.text  # not theirs
    assert "Your team" in page.text
    assert personas.client_for(personas.hr).get("/estate/access/team/").status_code == 403


@time_machine.travel(TODAY)
def test_people_without_a_reviewing_role_are_refused(personas: Personas) -> None:
    for persona in (personas.staff, personas.editor, personas.officer, personas.line_manager):
        assert personas.client_for(persona).get("/estate/access/").status_code == 403


@time_machine.travel(TODAY)
def test_the_review_takes_the_same_queries_for_many_holders_as_for_few(
    personas: Personas, estate: Estate, leaver: StaffMember
) -> None:
    account_with_admin(personas, estate, leaver)
    client = personas.client_for(personas.hr)
    client.get("/estate/access/")
    with CaptureQueriesContext(connection) as few:
        assert "5 people." in client.get("/estate/access/").text
    for n in range(8):
        admin = StaffMemberFactory(council=personas.council, service=estate.service)
        account_with_admin(personas, estate, admin)
        make_member(council=personas.council, username=f"editor{n}", roles=(Role.APPROVER,))
    with CaptureQueriesContext(connection) as many:
        page = client.get("/estate/access/")
    assert "21 people." in page.text
    assert len(many) == len(few)


@time_machine.travel(TODAY)
def test_someone_with_two_publishing_roles_is_one_row_with_both(personas: Personas) -> None:
    RoleAssignment.objects.create(
        council=personas.council, membership=personas.editor, role=Role.APPROVER
    )
    name = personas.record_of(personas.editor).full_name
    rows = [row for row in review(personas) if row["name"] == name]
    assert [row["roles"] for row in rows] == [["Approver", "Editor"]]


@time_machine.travel(TODAY)
def test_account_names_link_to_the_register_only_for_those_who_may_open_it(
    personas: Personas, estate: Estate, leaver: StaffMember
) -> None:
    account = account_with_admin(personas, estate, leaver)
    link = f'href="/estate/{account.public_id}/"'
    assert link in personas.client_for(personas.digital_lead).get("/estate/access/").text
    hr = personas.client_for(personas.hr).get("/estate/access/").text
    assert account.name in hr
    assert link not in hr
