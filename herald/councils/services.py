"""Writes about councils, services, teams, memberships and roles. Every change is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify

from herald.accounts.models import User
from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.councils.context_cache import tenancy_changed
from herald.councils.gates import RoleRefused, refusal_for
from herald.councils.models import Council, Membership, RoleAssignment, Service, Team
from herald.councils.roles import DERIVED_ROLES, Role

if TYPE_CHECKING:
    from herald.people.models import StaffMember


class RoleIsDerived(DomainError):
    code = "role_is_derived"


class CrossCouncilReference(DomainError):
    code = "cross_council_reference"


class CannotRemoveOwnAdministration(DomainError):
    code = "cannot_remove_own_administration"


@transaction.atomic
def create_council(*, name: str, slug: str = "", short_name: str = "", actor: Actor) -> Council:
    """A new tenant. Only deployment operators (the command line) create councils."""
    council = Council.objects.create(
        name=name, slug=slug or slugify(name)[:60], short_name=short_name
    )
    record(
        council=council,
        actor=actor,
        action="council.created",
        summary=f"Created {name}",
        target=council,
    )
    return council


@transaction.atomic
def create_service(*, council: Council, name: str, actor: Actor) -> Service:
    service = council.services.create(name=name, slug=slugify(name)[:80])
    record(
        council=council,
        actor=actor,
        action="service.created",
        summary=f"Added service {name}",
        target=service,
    )
    return service


@transaction.atomic
def create_team(*, council: Council, service: Service, name: str, actor: Actor) -> Team:
    if service.council_id != council.pk:
        raise CrossCouncilReference("That service belongs to another council.")
    team = council.teams.create(service=service, name=name)
    record(
        council=council,
        actor=actor,
        action="team.created",
        summary=f"Added team {team}",
        target=team,
    )
    return team


@transaction.atomic
def add_member(
    *, council: Council, user: User, staff_member: StaffMember | None = None, actor: Actor
) -> Membership:
    """Let a person work in a council, linked to their staff record when they have one."""
    if staff_member is not None and staff_member.council_id != council.pk:
        raise CrossCouncilReference("That staff record belongs to another council.")
    membership, created = Membership.objects.get_or_create(
        council=council, user=user, defaults={"staff_member": staff_member}
    )
    if created:
        tenancy_changed(council_id=council.pk)
        record(
            council=council,
            actor=actor,
            action="membership.created",
            summary=f"{user.display_name} can now sign in to {council.name}",
            target=membership,
        )
    return membership


@transaction.atomic
def grant_role(*, membership: Membership, role: Role, actor: Actor) -> RoleAssignment:
    """Grant a role. Line manager and all staff follow from facts and are never granted; a
    registered gate (see ``herald.councils.gates``) may refuse a new grant."""
    if role in DERIVED_ROLES:
        raise RoleIsDerived(f"{role.label} comes from the staff records and cannot be granted.")
    held = RoleAssignment.objects.filter(membership=membership, role=role).exists()
    if not held and (reason := refusal_for(membership=membership, role=role)):
        raise RoleRefused(reason)
    assignment, created = RoleAssignment.objects.get_or_create(
        council=membership.council,
        membership=membership,
        role=role,
        defaults={"granted_by": actor.user},
    )
    if created:
        tenancy_changed(council_id=membership.council_id)
        record(
            council=membership.council,
            actor=actor,
            action="role.granted",
            summary=f"Granted {role.label} to {membership.user}",
            target=membership,
            changes={"role": [None, role.value]},
        )
    return assignment


@transaction.atomic
def revoke_role(*, membership: Membership, role: Role, actor: Actor) -> Membership:
    deleted, _ = RoleAssignment.objects.filter(membership=membership, role=role).delete()
    if deleted:
        tenancy_changed(council_id=membership.council_id)
        record(
            council=membership.council,
            actor=actor,
            action="role.revoked",
            summary=f"Revoked {role.label} from {membership.user}",
            target=membership,
            changes={"role": [role.value, None]},
        )
    return membership


@transaction.atomic
def set_roles(*, membership: Membership, roles: set[Role], actor: Actor) -> Membership:
    """Make a member's granted roles exactly ``roles``: each grant and revocation is audited."""
    derived = roles & DERIVED_ROLES
    if derived:
        raise RoleIsDerived(
            f"{', '.join(sorted(r.label for r in derived))} cannot be granted by hand."
        )
    if (
        actor.user is not None
        and actor.user.pk == membership.user_id
        and Role.COUNCIL_ADMIN not in roles
    ):
        # Otherwise the last administrator could lock everyone out of the council's set-up.
        raise CannotRemoveOwnAdministration("You cannot remove your own administrator role.")
    current = {Role(r) for r in membership.role_assignments.values_list("role", flat=True)}
    for role in sorted(roles - current):
        grant_role(membership=membership, role=role, actor=actor)
    for role in sorted(current - roles):
        revoke_role(membership=membership, role=role, actor=actor)
    return membership


@transaction.atomic
def deactivate_membership(*, membership: Membership, reason: str, actor: Actor) -> Membership:
    """Stop a person working in a council (e.g. they left); the membership and history are kept."""
    updated = Membership.objects.filter(pk=membership.pk, is_active=True).update(is_active=False)
    if updated:
        membership.is_active = False
        tenancy_changed(council_id=membership.council_id)
        record(
            council=membership.council,
            actor=actor,
            action="membership.deactivated",
            summary=f"{membership.user} can no longer sign in to {membership.council.name}: {reason}",
            target=membership,
            changes={"is_active": [True, False]},
        )
    return membership
