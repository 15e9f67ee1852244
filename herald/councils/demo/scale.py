"""A large council for benchmarks and query-count tests, built with bulk inserts.

The normal demo goes through the services one row at a time so every step is audited; at
thousands of staff that is minutes of single-row inserts and audit events nobody will read.
Here the council itself is made through ``create_council`` (audited) and one audit event records
the bulk load; services, teams, staff, users, memberships and roles go in with ``bulk_create``
in batches, and every user shares one password hash computed once.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from herald.accounts.models import User
from herald.audit.services import SYSTEM, record
from herald.councils.demo.data import ALDERMOOR, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from herald.councils.demo.names import staff_name
from herald.councils.demo.tree import LEVEL_TITLES, SERVICE_LEVEL, plan_tree
from herald.councils.models import Council, Membership, RoleAssignment, Service, Team
from herald.councils.roles import Role
from herald.councils.services import create_council

if TYPE_CHECKING:
    from herald.people.models import StaffMember

BATCH_SIZE = 1000
# One sign-in per role in a scale council, named "<slug>-<key>". "manager" is a line manager in
# the tree (derived), "staff" holds nothing, "committee" is a councillor with no staff record.
SCALE_SIGN_INS: tuple[tuple[str, tuple[Role, ...]], ...] = (
    ("digital", (Role.DIGITAL_TEAM,)),
    ("owner", (Role.ACCOUNT_OWNER,)),
    ("editor", (Role.EDITOR,)),
    ("approver", (Role.APPROVER,)),
    ("ict", (Role.ICT,)),
    ("hr", (Role.HR,)),
    ("manager", ()),
    ("ambassador", (Role.AMBASSADOR,)),
    ("staff", ()),
    ("committee", (Role.COMMITTEE_MEMBER,)),
    ("admin", (Role.COUNCIL_ADMIN,)),
)


@dataclass(frozen=True)
class ScaleCouncil:
    council: Council
    created: bool

    def username(self, key: str) -> str:
        return f"{self.council.slug}-{key}"


def scale_slug(staff_count: int) -> str:
    return f"scale-{staff_count}"


@transaction.atomic
def load_scale_council(*, staff_count: int) -> ScaleCouncil:
    """A council of ``staff_count`` people in a realistic tree; an existing one is left alone."""
    if staff_count < 20:
        raise ValueError("A scale council needs at least 20 staff to hold every role.")
    slug = scale_slug(staff_count)
    existing = Council.objects.filter(slug=slug).first()
    if existing is not None:
        return ScaleCouncil(council=existing, created=False)
    council = create_council(
        name=f"Scale Test Council ({staff_count} staff)", slug=slug, actor=SYSTEM
    )
    teams = _bulk_services_and_teams(council=council)
    parents = plan_tree(staff_count)
    staff = _bulk_staff(council=council, parents=parents, teams=teams)
    _bulk_sign_ins(council=council, staff=staff, parents=parents)
    record(
        council=council,
        actor=SYSTEM,
        action="staff.imported",
        summary=f"Imported {staff_count} staff records (load-test data)",
        target=council,
    )
    return ScaleCouncil(council=council, created=True)


def _bulk_services_and_teams(*, council: Council) -> list[list[Team]]:
    """Aldermoor's services and teams; index 0 is the chief executive's office."""
    services = Service.objects.bulk_create(
        Service(council=council, name=name, slug=slugify(name)) for name in ALDERMOOR.services
    )
    by_service = [
        [
            Team(council=council, service=service, name=team)
            for team in ALDERMOOR.services[service.name]
        ]
        for service in services
    ]
    Team.objects.bulk_create(team for teams in by_service for team in teams)
    return by_service


def _placement(
    index: int, parents: Sequence[int | None], levels: list[int], teams: list[list[Team]]
) -> Team:
    """Leadership sits in the chief executive's office; below that, one service per branch."""
    if levels[index] < SERVICE_LEVEL:
        return teams[0][0]
    branch = index
    while levels[branch] > SERVICE_LEVEL:
        branch = parents[branch]  # type: ignore[assignment]
    service_teams = teams[1 + branch % (len(teams) - 1)]
    return service_teams[index % len(service_teams)]


def _bulk_staff(
    *, council: Council, parents: Sequence[int | None], teams: list[list[Team]]
) -> list[StaffMember]:
    """Insert level by level so each row's manager already has a primary key."""
    model = council.staff_members.model
    levels = _levels(parents)
    has_reports = {p for p in parents if p is not None}
    staff: list[StaffMember] = []
    for index, parent in enumerate(parents):
        team = _placement(index, parents, levels, teams)
        first, last = staff_name(index)
        # About one in fifty people without reports has left; leavers stay on the record.
        left = index not in has_reports and index % 50 == 17
        staff.append(
            model(
                council=council,
                employee_number=f"SC{index + 1:06d}",
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{index + 1}@{council.slug}.{DEMO_EMAIL_DOMAIN}".lower(),
                job_title=LEVEL_TITLES[min(levels[index], len(LEVEL_TITLES) - 1)],
                service_id=team.service_id,
                team=team,
                line_manager_id=None if parent is None else staff[parent].pk,
                started_on=datetime.date(2005 + index % 20, 1 + index % 12, 1 + index % 28),
                left_on=datetime.date(2025, 1 + index % 12, 1) if left else None,
            )
        )
        if index + 1 == len(parents) or levels[index + 1] != levels[index]:
            level_rows = [s for s in staff if s.pk is None]
            model.objects.bulk_create(level_rows, batch_size=BATCH_SIZE)
    return staff


def _levels(parents: Sequence[int | None]) -> list[int]:
    levels: list[int] = []
    for parent in parents:
        levels.append(0 if parent is None else levels[parent] + 1)
    return levels


def _role_holders(
    staff: list[StaffMember], parents: Sequence[int | None]
) -> dict[str, StaffMember]:
    """A real manager for "manager"; for the rest, current staff with nobody reporting to them."""
    has_reports = {p for p in parents if p is not None}
    leaves = [s for i, s in enumerate(staff) if i not in has_reports and s.left_on is None]
    levels = _levels(parents)
    # The first manager at the deepest level that has any: a team leader with a full team.
    deepest_manager = max(has_reports, key=lambda i: (levels[i], -i))
    keys = [key for key, _ in SCALE_SIGN_INS if key not in {"manager", "committee"}]
    step = len(leaves) // len(keys)
    holders = {key: leaves[n * step] for n, key in enumerate(keys)}
    holders["manager"] = staff[deepest_manager]
    return holders


def _bulk_sign_ins(
    *, council: Council, staff: list[StaffMember], parents: Sequence[int | None]
) -> None:
    """Everyone current can sign in; the role sign-ins get memorable usernames."""
    password_hash = make_password(DEMO_PASSWORD)
    holders = {id(member): key for key, member in _role_holders(staff, parents).items()}
    people: list[tuple[User, StaffMember | None]] = []
    for member in staff:
        if member.left_on is not None:
            continue
        key = holders.get(id(member), member.employee_number.lower())
        user = User(
            username=f"{council.slug}-{key}",
            first_name=member.first_name,
            last_name=member.last_name,
            email=member.email,
            password=password_hash,
        )
        people.append((user, member))
    councillor = User(
        username=f"{council.slug}-committee",
        first_name="Scale",
        last_name="Councillor",
        email=f"{council.slug}-committee@{DEMO_EMAIL_DOMAIN}",
        password=password_hash,
    )
    people.append((councillor, None))
    User.objects.bulk_create([user for user, _ in people], batch_size=BATCH_SIZE)
    memberships = Membership.objects.bulk_create(
        [Membership(council=council, user=user, staff_member=member) for user, member in people],
        batch_size=BATCH_SIZE,
    )
    _bulk_roles(council=council, memberships=memberships)


def _bulk_roles(*, council: Council, memberships: list[Membership]) -> None:
    by_username = {m.user.username: m for m in memberships}
    RoleAssignment.objects.bulk_create(
        RoleAssignment(council=council, membership=by_username[f"{council.slug}-{key}"], role=role)
        for key, roles in SCALE_SIGN_INS
        for role in roles
    )
