"""Publishing rights follow training: lapsed rights are suspended with notice, restored on passing.

Suspending revokes the role through the tenancy's own service (so the context cache and audit
follow) and keeps a ``RightsSuspension`` row; restoring grants the same role back once the
person is trained again, which the learning gate then allows.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.councils.roles import Role
from herald.councils.services import grant_role, revoke_role
from herald.learning.models import Module, PolicyDocument, RightsSuspension
from herald.learning.selectors import trained_staff_ids, version_in_force
from herald.learning.services.policies import PUBLISHING_ROLES

if TYPE_CHECKING:
    from herald.councils.models import Council, RoleAssignment
    from herald.people.models import StaffMember


def rule_in_force(*, council: Council, on: datetime.date) -> bool:
    """The training rule applies once the council has a policy in force and a publisher module."""
    policy = version_in_force(council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=on)
    has_module = council.modules.filter(kind=Module.Kind.PUBLISHER, is_published=True).exists()
    return policy is not None and has_module


@transaction.atomic
def suspend_lapsed_rights(
    *, council: Council, actor: Actor, on: datetime.date | None = None
) -> int:
    """Take publishing roles from everyone no longer trained on ``on``; returns how many roles."""
    day = on or timezone.localdate()
    if not rule_in_force(council=council, on=day):
        return 0
    holders = list(
        council.role_assignments.filter(
            role__in=list(PUBLISHING_ROLES),
            membership__is_active=True,
            membership__staff_member__isnull=False,
        ).select_related("membership__user", "membership__staff_member__line_manager")
    )
    trained = trained_staff_ids(
        council=council,
        staff_ids={h.membership.staff_member_id for h in holders if h.membership.staff_member_id},
        on=day,
    )
    lapsed = [h for h in holders if h.membership.staff_member_id not in trained]
    for assignment in lapsed:
        _suspend(council=council, assignment=assignment, actor=actor)
    return len(lapsed)


def _suspend(*, council: Council, assignment: RoleAssignment, actor: Actor) -> None:
    membership = assignment.membership
    staff = membership.staff_member
    if staff is None:  # filtered out above; kept for the type checker
        return
    role = Role(assignment.role)
    reason = "their publishing training or acknowledgement of the Social Media Policy has lapsed"
    suspension = RightsSuspension.objects.create(
        council=council, staff_member=staff, membership=membership, role=role, reason=reason
    )
    revoke_role(membership=membership, role=role, actor=actor)
    record(
        council=council,
        actor=actor,
        action="learning.rights_suspended",
        summary=f"Suspended {role.label} for {staff.full_name}: {reason}",
        target=suspension,
    )
    _notify(
        staff=staff,
        subject=f"{council.name}: your {role.label} rights are suspended",
        body=(
            f"{staff.full_name}'s {role.label} rights on {council.name}'s social media accounts "
            f"have been suspended because {reason}. Pass the publishing module and acknowledge "
            "the current Social Media Policy in Herald to have them restored."
        ),
    )


def _notify(*, staff: StaffMember, subject: str, body: str) -> None:
    """Tell the person and their line manager (if they have one)."""
    recipients = [staff.email]
    if staff.line_manager is not None and staff.line_manager.email:
        recipients.append(staff.line_manager.email)
    send_mail(subject, body, None, recipients)


@transaction.atomic
def restore_rights(
    *, staff_member: StaffMember, actor: Actor, on: datetime.date | None = None
) -> list[str]:
    """Give back suspended roles once the person is trained again; returns the roles restored."""
    day = on or timezone.localdate()
    open_suspensions = list(
        RightsSuspension.objects.filter(
            staff_member=staff_member, restored_at__isnull=True, membership__is_active=True
        ).select_related("membership__council", "membership__user")
    )
    if not open_suspensions:
        return []
    council = open_suspensions[0].membership.council
    if not trained_staff_ids(council=council, staff_ids=[staff_member.pk], on=day):
        return []
    restored = []
    for suspension in open_suspensions:
        grant_role(membership=suspension.membership, role=Role(suspension.role), actor=actor)
        RightsSuspension.objects.filter(pk=suspension.pk).update(restored_at=timezone.now())
        record(
            council=council,
            actor=actor,
            action="learning.rights_restored",
            summary=f"Restored {Role(suspension.role).label} for {staff_member.full_name}",
            target=suspension,
        )
        restored.append(suspension.role)
    _notify(
        staff=staff_member,
        subject=f"{council.name}: your publishing rights are restored",
        body=f"{staff_member.full_name} is trained again, so these rights are restored: "
        + ", ".join(Role(r).label for r in restored),
    )
    return restored
