"""Publishing rights follow training: the gate learning registers on the tenancy's ``grant_role``.

The rule: Editor, Approver and Service account owner may be granted only to someone with a
current pass of the publisher module and an acknowledgement of the Social Media Policy version
in force. The gate stands aside while a council has not set the rule up (no approved Social
Media Policy, or no published publisher module): a council new to Herald can still give people
roles, and the demo loader, which grants roles before learning's demo exists, keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from herald.learning.models import Module, PolicyDocument
from herald.learning.selectors import trained_staff_ids, version_in_force
from herald.learning.services.policies import PUBLISHING_ROLES

if TYPE_CHECKING:
    from herald.councils.models import Membership
    from herald.councils.roles import Role


def publishing_gate(membership: Membership, role: Role) -> str | None:
    """Why ``role`` may not be granted to ``membership`` now, or None if it may."""
    if role not in PUBLISHING_ROLES:
        return None
    council, today = membership.council, timezone.localdate()
    policy = version_in_force(
        council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=today
    )
    module = council.modules.filter(kind=Module.Kind.PUBLISHER, is_published=True).first()
    if policy is None or module is None:
        return None
    person = membership.user.display_name
    staff = membership.staff_member
    if staff is None:
        return f"{person} cannot be given {role.label}: they have no staff record, so their training cannot be checked."
    if trained_staff_ids(council=council, staff_ids=[staff.pk], on=today):
        return None
    return (
        f"{person} cannot be given {role.label} until they have passed “{module.title}” in the "
        f"last {module.valid_for_months} months and acknowledged {policy}."
    )
