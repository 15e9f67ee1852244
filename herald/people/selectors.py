"""Reads about staff, always from inside one council."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from uuid import UUID

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from herald.councils.roles import Role
from herald.people.models import PendingStaffImport, StaffMember, StaffMemberQuerySet

# Who sees every staff record in their council (the others see at most their own reports).
STAFF_VIEWERS = (Role.HR, Role.COUNCIL_ADMIN, Role.DIGITAL_TEAM)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.context import CouncilContext
    from herald.councils.models import Council


def staff_list(
    *, council: Council, search: str = "", service_slug: str = "", include_leavers: bool = False
) -> StaffMemberQuerySet:
    """A council's staff for the staff list, with what the list shows joined in (no N+1)."""
    staff: StaffMemberQuerySet = council.staff_members.select_related(
        "service", "team", "line_manager"
    )
    if not include_leavers:
        staff = staff.current()
    if service_slug:
        staff = staff.filter(service__slug=service_slug)
    for word in search.split()[:5]:
        staff = staff.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(employee_number__iexact=word)
            | Q(job_title__icontains=word)
        )
    return staff


def staff_member(*, council: Council, public_id: UUID | str) -> StaffMember:
    """One staff member of this council; another council's is a 404, as if it did not exist."""
    try:
        return council.staff_members.select_related(
            "service", "team", "line_manager", "membership__user"
        ).get(public_id=public_id)
    except (StaffMember.DoesNotExist, ValueError):
        raise Http404 from None


def visible_staff_member(*, context: CouncilContext, public_id: UUID | str) -> StaffMember:
    """A staff record this person may see: staff viewers see anyone in the council, a line
    manager only their direct reports; anything else is a 404, as if it did not exist."""
    member = staff_member(council=context.council, public_id=public_id)
    if context.has_any(*STAFF_VIEWERS):
        return member
    own = context.membership.staff_member
    if context.has_any(Role.LINE_MANAGER) and own is not None and member.line_manager_id == own.pk:
        return member
    raise Http404


def direct_report_count(*, manager: StaffMember) -> int:
    """How many people a line manager manages now (a plain count, for the home page)."""
    return (
        StaffMember.objects.filter(council_id=manager.council_id, line_manager=manager)
        .current()
        .count()
    )


def direct_reports(*, manager: StaffMember) -> StaffMemberQuerySet:
    """The current people a line manager manages, with their own team sizes."""
    return (
        StaffMember.objects.filter(council_id=manager.council_id, line_manager=manager)
        .current()
        .select_related("service", "team")
        .annotate(report_count=Count("direct_reports"))
    )


# The home page's staff figures may be this old; an HR import clears them at once.
STAFF_COUNTS_SECONDS = 60


def _staff_counts_key(council: Council) -> str:
    return f"herald:people:staff-counts:{council.public_id}"


def staff_counts(*, council: Council) -> dict[str, int]:
    """Headline numbers for HR and administrators, at most a minute old."""

    # One pass over the current staff rather than three counts. Even so it scans the whole
    # council, and it runs on every HR and administrator home page, hence the short cache.
    def count() -> dict[str, int]:
        counts: dict[str, int] = council.staff_members.current().aggregate(
            current=Count("pk"),
            without_line_manager=Count("pk", filter=Q(line_manager__isnull=True)),
            without_sign_in=Count("pk", filter=Q(membership__isnull=True)),
        )
        return counts

    cached = cache.get_or_set(_staff_counts_key(council), count, STAFF_COUNTS_SECONDS)
    return cast("dict[str, int]", cached)


def forget_staff_counts(*, council: Council) -> None:
    """Called by writes that change the figures, so HR sees their import's effect at once."""
    cache.delete(_staff_counts_key(council))


def staff_managed_by(
    *,
    council: Council,
    manager: StaffMember,
    search: str = "",
    service_slug: str = "",
    include_leavers: bool = False,
) -> StaffMemberQuerySet:
    """A line manager's direct reports, searched and filtered like the staff list; nobody else."""
    return staff_list(
        council=council,
        search=search,
        service_slug=service_slug,
        include_leavers=include_leavers,
    ).managed_by(manager)


def pending_staff_import(
    *, council: Council, user: User, public_id: UUID | str
) -> PendingStaffImport:
    """A file this person uploaded to this council and has not yet applied; anyone else's is a 404."""
    fresh_since = timezone.now() - PendingStaffImport.LIFETIME
    try:
        return council.pending_staff_imports.select_related("council").get(
            public_id=public_id, uploaded_by=user, created_at__gte=fresh_since
        )
    except (PendingStaffImport.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def staff_for_export(*, council: Council) -> StaffMemberQuerySet:
    """Everyone on the council's records, leavers included, in employee number order."""
    staff: StaffMemberQuerySet = council.staff_members.select_related(
        "service", "team", "line_manager"
    ).order_by("employee_number")
    return staff
