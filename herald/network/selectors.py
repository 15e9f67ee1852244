"""Reading the network policy for pages: always through the council."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from herald.councils.roles import Role
from herald.network.models import (
    Category,
    NetworkAlert,
    PersonViewGrant,
    PolicyException,
    PolicyVersion,
    ProxyIdentity,
    ProxyRequest,
    StaffGroup,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from herald.accounts.models import User
    from herald.councils.models import Council

POLICY_READERS = (Role.ICT, Role.COUNCIL_ADMIN)
POLICY_EDITORS = (Role.ICT,)
USAGE_READERS = (Role.ICT, Role.HR, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
PERSON_VIEWERS = (Role.HR,)
ALERT_READERS = (Role.ICT,)


def categories(council: Council) -> QuerySet[Category]:
    return council.network_categories.all()


def domain_counts(council: Council) -> dict[int, int]:
    """How many domains (not removed) each category has, by category id, in one query."""
    rows = (
        council.network_categories.filter(domains__removed_at__isnull=True)
        .values("pk")
        .annotate(total=Count("domains"))
    )
    return {row["pk"]: row["total"] for row in rows}


def category(council: Council, public_id: UUID) -> Category:
    found = council.network_categories.filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def groups(council: Council) -> QuerySet[StaffGroup]:
    return council.network_groups.prefetch_related("services", "members")


def exceptions(council: Council) -> QuerySet[PolicyException]:
    return council.network_exceptions.select_related("group", "category", "approver").order_by(
        "revoked_at", "expires_on"
    )


def exception(council: Council, public_id: UUID) -> PolicyException:
    found = council.network_exceptions.filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def identities(council: Council) -> QuerySet[ProxyIdentity]:
    return council.network_identities.select_related("staff_member").order_by("kind", "value")


def versions(council: Council) -> QuerySet[PolicyVersion]:
    return council.network_versions.all()


def version(council: Council, number: int) -> PolicyVersion:
    found = council.network_versions.filter(number=number).first()
    if found is None:
        raise Http404
    return found


def alerts(council: Council) -> QuerySet[NetworkAlert]:
    return council.network_alerts.all()


def grants_for(council: Council, user: User) -> QuerySet[PersonViewGrant]:
    return council.network_person_grants.filter(granted_to=user).select_related("staff_member")


def live_grant(council: Council, user: User, public_id: UUID) -> PersonViewGrant:
    """The caller's own unexpired grant, or 404 (someone else's grant is not theirs to use)."""
    found = (
        council.network_person_grants.filter(
            public_id=public_id, granted_to=user, expires_at__gt=timezone.now()
        )
        .select_related("staff_member")
        .first()
    )
    if found is None:
        raise Http404
    return found


def person_activity(grant: PersonViewGrant, *, days: int = 90) -> QuerySet[ProxyRequest]:
    since = timezone.now() - datetime.timedelta(days=days)
    return grant.council.network_requests.filter(
        staff_member=grant.staff_member, at__gte=since
    ).order_by("-at")
