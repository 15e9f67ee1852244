"""Reads about councils, memberships and roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.councils.context import CouncilContext
from herald.councils.models import Council, Membership, MembershipQuerySet
from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.accounts.models import User


def memberships_for_user(*, user: User) -> MembershipQuerySet:
    """The councils a person may work in: active memberships of active councils only."""
    return (
        Membership.objects.active()
        .filter(user=user, council__is_active=True)
        .select_related("council", "staff_member")
        .order_by("council__name")
    )


def council_context(*, membership: Membership) -> CouncilContext:
    """Granted roles plus the derived ones: everyone is staff; managers are line managers."""
    roles: set[Role] = {
        Role(value) for value in membership.role_assignments.values_list("role", flat=True)
    }
    roles.add(Role.ALL_STAFF)
    staff = membership.staff_member
    if staff is not None and staff.direct_reports.current().exists():
        roles.add(Role.LINE_MANAGER)
    return CouncilContext(council=membership.council, membership=membership, roles=frozenset(roles))


def council_by_slug(*, slug: str) -> Council | None:
    return Council.objects.filter(slug=slug, is_active=True).first()
