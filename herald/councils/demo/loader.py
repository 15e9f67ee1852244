"""Loading the demo councils through the ordinary services, so the audit trail reads true.

Every step is "make sure it exists": a second run finds everything in place and adds nothing.
Staff rows are made through the council's own ``staff_members`` relation (the people context
sits above the tenancy, so this module does not import it); one audit event records the import.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db import transaction

from herald.accounts.models import User
from herald.audit.services import SYSTEM, record
from herald.councils.demo.contexts import load_context_demos
from herald.councils.demo.data import (
    ALDERMOOR,
    ALDERMOOR_SIGN_INS,
    ALDERMOOR_STAFF,
    BRACKENFIELD,
    BRACKENFIELD_SIGN_INS,
    BRACKENFIELD_STAFF,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    CouncilSpec,
    SignInSpec,
    StaffSpec,
)
from herald.councils.models import Council, Service, Team
from herald.councils.services import (
    add_member,
    create_council,
    create_service,
    create_team,
    grant_role,
)

if TYPE_CHECKING:
    from herald.people.models import StaffMember

DEMO_COUNCILS: tuple[tuple[CouncilSpec, tuple[StaffSpec, ...], tuple[SignInSpec, ...]], ...] = (
    (ALDERMOOR, ALDERMOOR_STAFF, ALDERMOOR_SIGN_INS),
    (BRACKENFIELD, BRACKENFIELD_STAFF, BRACKENFIELD_SIGN_INS),
)


@transaction.atomic
def load_demo_councils() -> list[Council]:
    """Aldermoor and Brackenfield with their staff, one sign-in per role and every context's demo
    data; safe to repeat."""
    # One hash for every demo user: hashing is deliberately slow and the password is shared.
    password_hash = make_password(DEMO_PASSWORD)
    councils = [
        load_council(spec=spec, staff=staff, sign_ins=sign_ins, password_hash=password_hash)
        for spec, staff, sign_ins in DEMO_COUNCILS
    ]
    load_context_demos(councils=councils)
    return councils


def load_council(
    *,
    spec: CouncilSpec,
    staff: tuple[StaffSpec, ...],
    sign_ins: tuple[SignInSpec, ...],
    password_hash: str,
) -> Council:
    council = ensure_council(spec=spec)
    teams = ensure_services_and_teams(council=council, spec=spec)
    records = ensure_staff(council=council, staff=staff, teams=teams)
    for sign_in in sign_ins:
        ensure_sign_in(
            council=council, sign_in=sign_in, records=records, password_hash=password_hash
        )
    return council


def ensure_council(*, spec: CouncilSpec) -> Council:
    existing = Council.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    return create_council(name=spec.name, slug=spec.slug, short_name=spec.short_name, actor=SYSTEM)


def ensure_services_and_teams(*, council: Council, spec: CouncilSpec) -> dict[str, Team]:
    """Every service and team in the spec, keyed "service/team"."""
    services: dict[str, Service] = {s.name: s for s in council.services.all()}
    teams: dict[str, Team] = {
        f"{t.service.name}/{t.name}": t for t in council.teams.select_related("service")
    }
    for service_name, team_names in spec.services.items():
        service = services.get(service_name) or create_service(
            council=council, name=service_name, actor=SYSTEM
        )
        for team_name in team_names:
            key = f"{service_name}/{team_name}"
            if key not in teams:
                teams[key] = create_team(
                    council=council, service=service, name=team_name, actor=SYSTEM
                )
    return teams


def employee_number(*, council: Council, index: int) -> str:
    return f"{council.slug[:3].upper()}{index + 1:04d}"


def ensure_staff(
    *, council: Council, staff: tuple[StaffSpec, ...], teams: dict[str, Team]
) -> dict[str, StaffMember]:
    """The HR extract's rows, managers before their reports, keyed by the spec's ``key``."""
    existing = {s.employee_number: s for s in council.staff_members.all()}
    records: dict[str, StaffMember] = {}
    created = 0
    for index, row in enumerate(staff):
        number = employee_number(council=council, index=index)
        member = existing.get(number)
        if member is None:
            member = _create_staff_member(
                council=council, row=row, number=number, teams=teams, records=records
            )
            created += 1
        records[row.key] = member
    if created:
        record(
            council=council,
            actor=SYSTEM,
            action="staff.imported",
            summary=f"Imported {created} staff records (demonstration data)",
            target=council,
        )
    return records


def _create_staff_member(
    *,
    council: Council,
    row: StaffSpec,
    number: str,
    teams: dict[str, Team],
    records: dict[str, StaffMember],
) -> StaffMember:
    team = teams[f"{row.service}/{row.team}"]
    return council.staff_members.create(
        employee_number=number,
        first_name=row.first_name,
        last_name=row.last_name,
        email=demo_email(council=council, first_name=row.first_name, last_name=row.last_name),
        job_title=row.job_title,
        service=team.service,
        team=team,
        line_manager=records[row.manager] if row.manager else None,
        started_on=datetime.date.fromisoformat(row.started_on),
        left_on=datetime.date.fromisoformat(row.left_on) if row.left_on else None,
    )


def demo_email(*, council: Council, first_name: str, last_name: str) -> str:
    local = f"{first_name}.{last_name}".lower().replace(" ", "").replace("'", "")
    return f"{local}@{council.slug}.{DEMO_EMAIL_DOMAIN}"


def ensure_sign_in(
    *,
    council: Council,
    sign_in: SignInSpec,
    records: dict[str, StaffMember],
    password_hash: str,
) -> None:
    staff = records[sign_in.staff_key] if sign_in.staff_key else None
    user = User.objects.filter(username=sign_in.username).first()
    if user is None:
        user = User.objects.create(
            username=sign_in.username,
            first_name=staff.first_name if staff else sign_in.first_name,
            last_name=staff.last_name if staff else sign_in.last_name,
            email=staff.email if staff else f"{sign_in.username}@{DEMO_EMAIL_DOMAIN}",
            # Set as a ready-made hash: see herald.councils.demo for why the validators are moot.
            password=password_hash,
        )
    membership = add_member(council=council, user=user, staff_member=staff, actor=SYSTEM)
    for role in sign_in.roles:
        grant_role(membership=membership, role=role, actor=SYSTEM)
