"""Who may do what with replies: write them (editors, the digital team, account owners on the
accounts they hold), approve them (approvers and the digital team, never their own), and run the
inbox's settings, saved responses and moderation (the digital team and council administrators)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.councils.models import RoleAssignment
from herald.councils.roles import Role
from herald.estate.models import SocialAccount

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council

REPLIERS = (Role.EDITOR, Role.ACCOUNT_OWNER, Role.DIGITAL_TEAM)
APPROVERS = (Role.APPROVER, Role.DIGITAL_TEAM)
READERS = (*REPLIERS, Role.APPROVER, Role.COUNCIL_ADMIN)
MANAGERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
MODERATORS = MANAGERS
# May reply on any account of the council (account owners only on the ones they hold).
ALL_ACCOUNTS = (Role.EDITOR, Role.DIGITAL_TEAM)


def roles_of(*, council: Council | int, user: User | None) -> frozenset[Role]:
    if user is None:
        return frozenset()
    council_id = council if isinstance(council, int) else council.pk
    values = RoleAssignment.objects.filter(
        council_id=council_id, membership__user=user, membership__is_active=True
    ).values_list("role", flat=True)
    return frozenset(Role(value) for value in values)


def may_reply_on(*, council: Council, user: User | None, account_id: int) -> bool:
    """Editors and the digital team reply on any account; account owners on those they hold."""
    roles = roles_of(council=council, user=user)
    if roles & set(ALL_ACCOUNTS):
        return True
    if Role.ACCOUNT_OWNER not in roles or user is None:
        return False
    staff_id = (
        user.memberships.filter(council=council).values_list("staff_member_id", flat=True).first()
    )
    if staff_id is None:
        return False
    return SocialAccount.objects.filter(council=council, pk=account_id).held_by(staff_id).exists()


def may_approve(*, council: Council, user: User | None) -> bool:
    return bool(roles_of(council=council, user=user) & set(APPROVERS))
