from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from herald.accounts.models import User
from herald.audit.models import AuditEvent
from herald.core.testing import CouncilFactory
from herald.councils import demo
from herald.councils.demo.tree import FAN_OUT, plan_tree
from herald.councils.models import Council, Membership, RoleAssignment, Service, Team
from herald.councils.roles import Role
from herald.councils.selectors import council_context
from herald.people.models import StaffMember

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [
    "demo-digital",
    "demo-owner",
    "demo-editor",
    "demo-approver",
    "demo-ict",
    "demo-hr",
    "demo-manager",
    "demo-ambassador",
    "demo-staff",
    "demo-committee",
    "demo-admin",
]


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_council", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = (Council, Service, Team, StaffMember, User, Membership, RoleAssignment, AuditEvent)
    return {model.__name__: model.objects.count() for model in models}


def roles_of(username: str, council_slug: str = "aldermoor") -> frozenset[Role]:
    membership = Membership.objects.get(user__username=username, council__slug=council_slug)
    return council_context(membership=membership).roles


def assert_no_cycles(council: Council) -> None:
    managers = dict(council.staff_members.values_list("pk", "line_manager_id"))
    for start in managers:
        seen: set[int] = set()
        person: int | None = start
        while person is not None:
            assert person not in seen, f"line management loops back through staff {person}"
            seen.add(person)
            person = managers[person]  # a manager in another council would be a KeyError


def test_demo_loads_aldermoor_and_brackenfield_with_realistic_sizes() -> None:
    load()
    aldermoor = Council.objects.get(slug="aldermoor")
    assert aldermoor.name == "Aldermoor County Council"
    assert aldermoor.services.count() == 13
    assert aldermoor.teams.count() >= 25
    assert aldermoor.staff_members.count() == 60
    assert aldermoor.staff_members.leavers().count() == 2
    assert aldermoor.staff_members.filter(line_manager__isnull=True).get().job_title == (
        "Chief Executive"
    )
    brackenfield = Council.objects.get(slug="brackenfield")
    assert brackenfield.staff_members.count() == 5


def test_every_staff_record_has_a_number_title_service_team_and_start_date() -> None:
    load()
    incomplete = StaffMember.objects.filter(
        employee_number="", job_title="", service=None, team=None, started_on=None
    )
    assert not incomplete.exists()
    for member in StaffMember.objects.select_related("team"):
        assert member.team is not None
        assert member.service_id == member.team.service_id


def test_every_role_is_held_by_a_demo_sign_in() -> None:
    load()
    held = set().union(*(roles_of(username) for username in DEMO_USERNAMES))
    assert held == set(Role)


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("demo-digital", {Role.DIGITAL_TEAM}),
        ("demo-owner", {Role.ACCOUNT_OWNER}),
        ("demo-editor", {Role.EDITOR}),
        ("demo-approver", {Role.APPROVER}),
        ("demo-ict", {Role.ICT}),
        ("demo-hr", {Role.HR}),
        ("demo-manager", {Role.LINE_MANAGER}),
        ("demo-ambassador", {Role.AMBASSADOR}),
        ("demo-staff", set()),
        ("demo-committee", {Role.COMMITTEE_MEMBER}),
        ("demo-admin", {Role.COUNCIL_ADMIN}),
    ],
)
def test_each_demo_sign_in_shows_exactly_its_role(username: str, expected: set[Role]) -> None:
    load()
    assert roles_of(username) == {Role.ALL_STAFF, *expected}


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_each_demo_sign_in_can_sign_in_with_the_demo_password_and_reach_home(
    username: str,
) -> None:
    load()
    client = Client()
    assert client.login(username=username, password=demo.DEMO_PASSWORD)
    response = client.get("/", follow=True)
    if username == "demo-admin":  # works in both councils, so chooses one first
        assert response.redirect_chain[-1][0] == "/councils/choose/"
        aldermoor = Membership.objects.get(user__username=username, council__slug="aldermoor")
        response = client.post(
            "/councils/choose/", {"council": str(aldermoor.public_id)}, follow=True
        )
    assert response.status_code == 200
    assert "Aldermoor County Council" in response.content.decode()


def test_demo_manager_manages_real_people_on_the_my_team_page() -> None:
    load()
    client = Client()
    client.login(username="demo-manager", password=demo.DEMO_PASSWORD)
    response = client.get("/staff/my-team/")
    assert response.status_code == 200
    assert "Mohammed Tallis" in response.content.decode()


def test_demo_admin_works_in_both_councils_and_the_councillor_has_no_staff_record() -> None:
    load()
    admin = Membership.objects.filter(user__username="demo-admin")
    assert sorted(admin.values_list("council__slug", flat=True)) == ["aldermoor", "brackenfield"]
    committee = Membership.objects.get(user__username="demo-committee")
    assert committee.staff_member is None


def test_demo_password_passes_the_password_validators() -> None:
    load()
    for user in User.objects.filter(username__in=DEMO_USERNAMES):
        validate_password(demo.DEMO_PASSWORD, user=user)


def test_line_management_has_no_cycles_and_stays_inside_each_council() -> None:
    load()
    for council in Council.objects.all():
        assert_no_cycles(council)


def test_demo_changes_are_audited_as_herald_itself() -> None:
    load()
    events = AuditEvent.objects.filter(council__slug="aldermoor")
    assert events.filter(action="council.created").count() == 1
    assert events.filter(action="role.granted").count() == 9
    assert events.filter(action="staff.imported").count() == 1
    # Herald itself, sometimes naming which part of it acted ("Herald (recurring series)").
    labels = set(events.values_list("actor_label", flat=True))
    assert "Herald (automatic)" in labels
    assert all(label.startswith("Herald (") for label in labels), labels
    assert not events.filter(actor__isnull=False).exists()


def test_loading_twice_adds_nothing() -> None:
    load()
    before = row_counts()
    load()
    assert row_counts() == before


def test_the_command_prints_every_sign_in_with_the_shared_password() -> None:
    output = load()
    assert "herald-demo-2026" in output
    for username in DEMO_USERNAMES:
        assert username in output
    assert "Aldermoor County Council, Brackenfield District Council" in output


def test_if_empty_loads_into_an_empty_database() -> None:
    load("--if-empty")
    assert Council.objects.filter(slug="aldermoor").exists()


def test_if_empty_leaves_an_existing_deployment_alone() -> None:
    CouncilFactory(name="Real Borough Council", slug="real")
    output = load("--if-empty")
    assert not Council.objects.filter(slug="aldermoor").exists()
    assert "no demo data was loaded" in output
    assert "No demo sign-ins exist" in output


def test_if_empty_still_prints_the_sign_ins_once_the_demo_is_loaded() -> None:
    load()
    before = row_counts()
    output = load("--if-empty")
    assert row_counts() == before
    assert "demo-committee" in output


@override_settings(DEV=False)
def test_the_demo_refuses_to_load_outside_development_unless_forced() -> None:
    with pytest.raises(CommandError, match="HERALD_DEV"):
        load()
    assert not Council.objects.exists()
    load("--force")
    assert Council.objects.filter(slug="aldermoor").exists()


def test_scale_council_has_the_asked_size_in_one_tree() -> None:
    output = load("--scale", "200")
    council = Council.objects.get(slug="scale-200")
    assert "Loaded scale-200: 200 staff" in output
    assert council.staff_members.count() == 200
    assert council.staff_members.filter(line_manager__isnull=True).count() == 1
    assert council.staff_members.leavers().exists()
    assert_no_cycles(council)


@pytest.mark.parametrize("key", [key for key, _ in demo.SCALE_SIGN_INS])
def test_scale_council_has_one_sign_in_per_role_that_reaches_home(key: str) -> None:
    load("--scale", "200")
    client = Client()
    assert client.login(username=f"scale-200-{key}", password=demo.DEMO_PASSWORD)
    response = client.get("/")
    assert response.status_code == 200
    assert "Scale Test Council (200 staff)" in response.content.decode()


def test_scale_manager_is_a_line_manager_and_staff_holds_no_role() -> None:
    load("--scale", "200")
    assert Role.LINE_MANAGER in roles_of("scale-200-manager", "scale-200")
    assert roles_of("scale-200-staff", "scale-200") == {Role.ALL_STAFF}


def test_loading_a_scale_council_twice_adds_nothing() -> None:
    load("--scale", "60")
    before = row_counts()
    output = load("--scale", "60")
    assert row_counts() == before
    assert "already exists" in output


def test_scale_council_refuses_a_size_too_small_for_every_role() -> None:
    with pytest.raises(CommandError, match="at least 20"):
        load("--scale", "5")


def test_tree_plan_puts_managers_first_and_respects_the_fan_out() -> None:
    parents = plan_tree(5000)
    assert parents[0] is None
    assert all(p is not None and p < i for i, p in enumerate(parents) if i)
    reports: dict[int, int] = {}
    for parent in parents[1:]:
        assert parent is not None
        reports[parent] = reports.get(parent, 0) + 1
    assert max(reports.values()) == max(FAN_OUT)
    assert reports[0] == FAN_OUT[0]
