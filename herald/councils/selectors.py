"""Reads about councils, memberships and roles."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from herald.councils.context import CouncilContext
from herald.councils.models import (
    Council,
    Membership,
    MembershipQuerySet,
    RoleAssignment,
    Service,
    Team,
)
from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.accounts.models import User


def memberships_for_user(*, user: User) -> MembershipQuerySet:
    """The councils a person may work in: active memberships of active councils only.

    Each comes annotated with its granted roles and whether the person manages anyone now, so
    the council context on every request costs this one query.
    """
    staff_model = Membership._meta.get_field("staff_member").related_model
    today = timezone.localdate()
    current_reports = staff_model._default_manager.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today), line_manager=OuterRef("staff_member_id")
    )
    # Subqueries rather than a join and GROUP BY: this runs on every request, and the flat
    # query is both quicker to build and quicker to plan.
    granted_roles = (
        RoleAssignment.objects.filter(membership=OuterRef("pk"))
        .order_by()
        .values("membership")
        .annotate(roles=StringAgg("role", delimiter=Value(",")))
        .values("roles")
    )
    return (
        Membership.objects.active()
        .filter(user=user, council__is_active=True)
        .select_related("council")
        .annotate(
            granted_roles=Coalesce(Subquery(granted_roles), Value(""), output_field=TextField()),
            manages_anyone=Exists(current_reports),
        )
        .order_by("council__name")
    )


def council_context(*, membership: Membership) -> CouncilContext:
    """Granted roles plus the derived ones: everyone is staff; managers are line managers."""
    granted = getattr(membership, "granted_roles", None)
    values = (
        granted.split(",")
        if granted is not None
        else membership.role_assignments.values_list("role", flat=True)
    )
    roles: set[Role] = {Role(value) for value in values if value}
    roles.add(Role.ALL_STAFF)
    manages_anyone = getattr(membership, "manages_anyone", None)
    if manages_anyone is None:
        staff = membership.staff_member
        manages_anyone = staff is not None and staff.direct_reports.current().exists()
    if manages_anyone:
        roles.add(Role.LINE_MANAGER)
    return CouncilContext(council=membership.council, membership=membership, roles=frozenset(roles))


def active_councils() -> QuerySet[Council]:
    """Every council still in use, for jobs that sweep each council in turn."""
    return Council.objects.filter(is_active=True)


def council_by_slug(*, slug: str) -> Council | None:
    return Council.objects.filter(slug=slug, is_active=True).first()


def council_memberships(*, council: Council, search: str = "") -> MembershipQuerySet:
    """Everyone who can sign in to a council, with their granted roles prefetched (no N+1)."""
    members = (
        council.memberships.select_related("user", "staff_member__service")
        .prefetch_related("role_assignments")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for word in search.split()[:5]:
        members = members.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(user__email__icontains=word)
        )
    return members


def council_membership(*, council: Council, public_id: UUID | str) -> Membership:
    """One membership of this council; another council's is a 404."""
    try:
        return council_memberships(council=council).get(public_id=public_id)
    except (Membership.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def services_with_teams(*, council: Council) -> list[Service]:
    """The council's services and their teams, for the organisation page."""
    return list(
        council.services.prefetch_related("teams")
        .annotate(staff_count=Count("staff"))
        .order_by("name")
    )


def council_services(*, council: Council) -> QuerySet[Service]:
    """A council's services by name, for lists and the API."""
    return council.services.order_by("name")


def council_teams(*, council: Council, service_slug: str = "") -> QuerySet[Team]:
    """A council's teams with their service, optionally only those in one service."""
    teams = council.teams.select_related("service")
    if service_slug:
        teams = teams.filter(service__slug=service_slug)
    return teams
