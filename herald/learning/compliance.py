"""Reads for oversight: HR's compliance overview by service and a line manager's team.

Both are built to cost a fixed number of queries however many staff a council has: the
overview is one grouped aggregate over EXISTS subqueries, the team view one query per fact.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q

from herald.learning.models import Acknowledgement, Completion, Module, PolicyDocument
from herald.learning.selectors import version_in_force
from herald.learning.services.policies import PUBLISHING_ROLES

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember


@dataclass(frozen=True)
class ServiceCompliance:
    service: str
    staff: int
    aware: int
    acknowledged: int
    publishers: int
    publishers_trained: int

    @staticmethod
    def percent(part: int, whole: int) -> str:
        return f"{round(100 * part / whole)}%" if whole else "—"


def _current_completion(module_id: int | None, day: datetime.date) -> Exists:
    # By module id rather than joining to the module's kind inside a subquery run per person.
    return Exists(
        Completion.objects.filter(
            module_id=module_id or 0,  # no such module: ids start at 1, so nothing matches
            staff_member=OuterRef("pk"),
            completed_on__lte=day,
            expires_on__gt=day,
        )
    )


def compliance_by_service(*, council: Council, on: datetime.date) -> list[ServiceCompliance]:
    """Per service: current staff, how many passed awareness, acknowledged the policy in force,
    hold a publishing role, and of those how many are trained (one query, plus the version)."""
    version = version_in_force(council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=on)
    acknowledged = (
        Exists(Acknowledgement.objects.filter(version=version, staff_member=OuterRef("pk")))
        if version
        else Exists(Acknowledgement.objects.none())
    )
    publisher = Exists(
        council.role_assignments.filter(
            membership__staff_member=OuterRef("pk"), role__in=list(PUBLISHING_ROLES)
        )
    )
    module_ids = dict(council.modules.values_list("kind", "pk"))
    publisher_pass = _current_completion(module_ids.get(Module.Kind.PUBLISHER), on)
    rows = (
        council.staff_members.current(on=on)
        .annotate(
            is_aware=_current_completion(module_ids.get(Module.Kind.AWARENESS), on),
            has_acknowledged=acknowledged,
            is_publisher=publisher,
            is_trained=publisher_pass & acknowledged,
        )
        .values("service__name")
        .annotate(
            staff=Count("pk"),
            aware=Count("pk", filter=Q(is_aware=True)),
            acknowledged=Count("pk", filter=Q(has_acknowledged=True)),
            publishers=Count("pk", filter=Q(is_publisher=True)),
            publishers_trained=Count("pk", filter=Q(is_publisher=True, is_trained=True)),
        )
        .order_by("service__name")
    )
    return [
        ServiceCompliance(
            service=row["service__name"] or "No service recorded",
            staff=row["staff"],
            aware=row["aware"],
            acknowledged=row["acknowledged"],
            publishers=row["publishers"],
            publishers_trained=row["publishers_trained"],
        )
        for row in rows
    ]


@dataclass
class TeamMemberTraining:
    person: StaffMember
    passes: dict[str, datetime.date] = field(default_factory=dict)  # module kind: valid until
    acknowledged: bool = False
    roles: list[str] = field(default_factory=list)


def team_training(
    *, council: Council, reports: list[StaffMember], on: datetime.date
) -> list[TeamMemberTraining]:
    """Each report's current passes, whether they acknowledged the policy in force, and which
    roles they hold (three queries however large the team)."""
    rows = {person.pk: TeamMemberTraining(person=person) for person in reports}
    ids = list(rows)
    for staff_id, kind, expires_on in (
        council.completions.filter(staff_member_id__in=ids)
        .current(on=on)
        .values_list("staff_member_id", "module__kind", "expires_on")
    ):
        best = rows[staff_id].passes.get(kind)
        rows[staff_id].passes[kind] = max(expires_on, best) if best else expires_on
    version = version_in_force(council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=on)
    if version is not None:
        for staff_id in version.acknowledgements.filter(staff_member_id__in=ids).values_list(
            "staff_member_id", flat=True
        ):
            rows[staff_id].acknowledged = True
    roles: dict[int, list[str]] = defaultdict(list)
    for staff_id, role in council.role_assignments.filter(
        membership__staff_member_id__in=ids
    ).values_list("membership__staff_member_id", "role"):
        roles[staff_id].append(role)
    for staff_id, held in roles.items():
        rows[staff_id].roles = sorted(held)
    return list(rows.values())
