"""The access review (issue 9): who holds which publishing role and which position on which account.

HR, ICT, the digital team and council administrators see everyone; a line manager sees their
direct reports. It reads roles through ``herald.councils.selectors``, the line-management tree
through ``herald.people.selectors`` and training through ``herald.estate.training``, in a fixed
number of queries whatever the council's size. Viewing it is not audited: it holds no
personal-case data, only who may publish where.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald.councils.roles import Role
from herald.councils.selectors import council_memberships
from herald.estate.models import AdminAccess, SocialAccount
from herald.estate.training import trained_ids

if TYPE_CHECKING:
    from herald.councils.models import Council

PUBLISHING_ROLES = (Role.EDITOR, Role.APPROVER, Role.ACCOUNT_OWNER)
REVIEWERS = (Role.HR, Role.ICT, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)

FLAGS = {
    "left": "Left the council",
    "untrained": "Not trained",
    "admin_no_role": "Admin access but no publishing role",
    "role_no_account": "Publishing role but no account",
}
_ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True)
class Position:
    account_name: str
    account_id: str  # the account's public id, for its link
    position: str  # "Owner", "Deputy" or "Admin access (level)"


@dataclass
class Holder:
    staff_id: int | None
    name: str
    email: str
    service: str
    service_slug: str
    left: bool = False
    roles: list[str] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    trained: bool = False
    admin_access: bool = False

    @property
    def flags(self) -> list[str]:
        found = []
        if self.left:
            found.append("left")
        if not self.trained:
            found.append("untrained")
        if self.admin_access and not self.roles:
            found.append("admin_no_role")
        if self.roles and not self.positions:
            found.append("role_no_account")
        return found


def access_review(
    *,
    council: Council,
    today: datetime.date,
    only_staff: set[int] | None = None,
    service_slug: str = "",
    flag: str = "",
) -> list[Holder]:
    """Everyone holding a publishing role or a position on an open account, by name."""
    holders = _role_holders(council, today)
    _add_positions(council, holders, today)
    trained = trained_ids(
        council=council, staff_ids={pk for pk in holders if isinstance(pk, int)}, on=today
    )
    rows = []
    for key, holder in holders.items():
        holder.trained = isinstance(key, int) and key in trained
        if only_staff is not None and key not in only_staff:
            continue
        if service_slug and holder.service_slug != service_slug:
            continue
        if flag and flag not in holder.flags:
            continue
        rows.append(holder)
    return sorted(rows, key=lambda h: (h.name.lower(), h.email))


def _role_holders(council: Council, today: datetime.date) -> dict[int | str, Holder]:
    """People with a publishing role, keyed by staff id (or membership, without a staff record)."""
    holders: dict[int | str, Holder] = {}
    # A subquery rather than a join and DISTINCT: someone with two such roles is one row.
    granted = council.role_assignments.filter(role__in=list(PUBLISHING_ROLES))
    members = council_memberships(council=council).filter(pk__in=granted.values("membership_id"))
    for membership in members:
        staff = membership.staff_member
        roles = sorted(
            str(_ROLE_LABELS[a.role])
            for a in membership.role_assignments.all()
            if a.role in PUBLISHING_ROLES
        )
        key: int | str = staff.pk if staff is not None else f"m{membership.pk}"
        user = membership.user
        holders[key] = Holder(
            staff_id=staff.pk if staff else None,
            name=staff.full_name if staff else (user.get_full_name() or user.username),
            email=staff.email if staff else user.email,
            service=staff.service.name if staff and staff.service else "",
            service_slug=staff.service.slug if staff and staff.service else "",
            left=bool(staff and staff.left_on and staff.left_on <= today)
            or not membership.is_active,
            roles=roles,
        )
    return holders


def _add_positions(
    council: Council, holders: dict[int | str, Holder], today: datetime.date
) -> None:
    """Owners, deputies and current named admin access on every account not yet closed."""
    accounts = council.social_accounts.exclude(status=SocialAccount.Status.CLOSED)
    positions: list[tuple[int, Position]] = []
    for public_id, name, owner_id, deputy_id in accounts.values_list(
        "public_id", "name", "owner_id", "deputy_id"
    ):
        for staff_id, label in ((owner_id, "Owner"), (deputy_id, "Deputy")):
            if staff_id is not None:
                positions.append((staff_id, Position(name, str(public_id), label)))
    levels = dict(AdminAccess.Level.choices)
    admins: set[int] = set()
    for public_id, name, staff_id, level in AdminAccess.objects.filter(
        account__in=accounts, removed_at__isnull=True, staff_member__isnull=False
    ).values_list("account__public_id", "account__name", "staff_member_id", "level"):
        admins.add(staff_id)
        label = f"Admin access ({str(levels.get(level, level)).lower()})"
        positions.append((staff_id, Position(name, str(public_id), label)))
    _add_position_holders(council, holders, {pk for pk, _ in positions}, today)
    for staff_id, position in positions:
        holders[staff_id].positions.append(position)
    for staff_id in admins:
        holders[staff_id].admin_access = True


def _add_position_holders(
    council: Council, holders: dict[int | str, Holder], staff_ids: set[int], today: datetime.date
) -> None:
    """Staff who hold a position but no publishing role (one query for all of them)."""
    missing = staff_ids - set(holders)
    for staff in council.staff_members.filter(pk__in=missing).select_related("service"):
        holders[staff.pk] = Holder(
            staff_id=staff.pk,
            name=staff.full_name,
            email=staff.email,
            service=staff.service.name if staff.service else "",
            service_slug=staff.service.slug if staff.service else "",
            left=bool(staff.left_on and staff.left_on <= today),
        )
