"""Who may do what in publishing: the roles that reach each part, and each account's own rules
(who may approve, who may publish without approval, who signs off findings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.councils.models import RoleAssignment
from herald.councils.roles import Role
from herald.estate.models import SocialAccount
from herald.publishing.models import AccountPublishingRule

if TYPE_CHECKING:
    from collections.abc import Iterable

    from herald.accounts.models import User
    from herald.councils.context import CouncilContext
    from herald.councils.models import Council
    from herald.publishing.models import Post

# Drafting: editors, account owners (their own accounts) and the digital team.
DRAFTERS = (Role.EDITOR, Role.ACCOUNT_OWNER, Role.DIGITAL_TEAM)
# Approving: approvers and the digital team (unless an account names its own approvers).
APPROVERS = (Role.APPROVER, Role.DIGITAL_TEAM)
# The kill switch: communications leads (the digital team) and council administrators.
HOLD_MANAGERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
# Everyone who works with posts may read them; administrators see everything.
READERS = (*DRAFTERS, Role.APPROVER, Role.COUNCIL_ADMIN)
# The media library: those who draft, and the digital team who curate it.
MEDIA_USERS = READERS
# Who may pick any account (account owners only their own).
ALL_ACCOUNTS = (Role.EDITOR, Role.DIGITAL_TEAM)


def roles_of(*, council: Council | int, user: User | None) -> frozenset[Role]:
    """The roles ``user`` holds in ``council`` (granted ones; derived ones do not matter here)."""
    if user is None:
        return frozenset()
    council_id = council if isinstance(council, int) else council.pk
    values = RoleAssignment.objects.filter(
        council_id=council_id, membership__user=user, membership__is_active=True
    ).values_list("role", flat=True)
    return frozenset(Role(value) for value in values)


def draftable_accounts(context: CouncilContext) -> Iterable[SocialAccount]:
    """The open accounts this person may draft posts for."""
    accounts = SocialAccount.objects.filter(council=context.council).open()
    if context.has_any(*ALL_ACCOUNTS):
        return accounts.select_related("service").order_by("name", "pk")
    staff_id = context.membership.staff_member_id
    if not context.has_any(Role.ACCOUNT_OWNER) or staff_id is None:
        return accounts.none()
    return accounts.held_by(staff_id).select_related("service").order_by("name", "pk")


def draftable_account_ids(*, council: Council, user: User) -> set[int]:
    roles = roles_of(council=council, user=user)
    accounts = SocialAccount.objects.filter(council=council).open()
    if roles & set(ALL_ACCOUNTS):
        return set(accounts.values_list("pk", flat=True))
    if Role.ACCOUNT_OWNER not in roles:
        return set()
    staff_id = (
        user.memberships.filter(council=council).values_list("staff_member_id", flat=True).first()
    )
    if staff_id is None:
        return set()
    return set(accounts.held_by(staff_id).values_list("pk", flat=True))


def rules_for(account_ids: Iterable[int]) -> dict[int, AccountPublishingRule]:
    return {
        rule.account_id: rule
        for rule in AccountPublishingRule.objects.filter(
            account_id__in=list(account_ids)
        ).prefetch_related("publish_without_approval", "approvers", "finding_signers")
    }


def approval_steps_for(account_ids: Iterable[int]) -> int:
    """The strictest rule among the accounts (an account with no rule needs one step)."""
    ids = list(account_ids)
    rules = rules_for(ids)
    return max((rules[i].approval_steps if i in rules else 1) for i in ids) if ids else 1


def may_skip_approval(*, author: User, account_ids: Iterable[int]) -> bool:
    """Every account lets this author publish without approval (or needs no approval at all)."""
    ids = list(account_ids)
    rules = rules_for(ids)
    for account_id in ids:
        rule = rules.get(account_id)
        if rule is None:
            return False
        if rule.approval_steps == 0:
            continue
        if author.pk not in {person.pk for person in rule.publish_without_approval.all()}:
            return False
    return bool(ids)


def may_approve(*, post: Post, user: User) -> bool:
    """An approver for every account of the post; never its author."""
    if user.pk == post.author_id:
        return False
    roles = roles_of(council=post.council_id, user=user)
    account_ids = list(post.variants.values_list("account_id", flat=True))
    rules = rules_for(account_ids)
    for account_id in account_ids:
        rule = rules.get(account_id)
        named = {person.pk for person in rule.approvers.all()} if rule else set()
        if named:
            if user.pk not in named:
                return False
        elif not roles & set(APPROVERS):
            return False
    return bool(account_ids)


def may_sign_off_finding(*, post: Post, user: User, account_ids: Iterable[int]) -> bool:
    """A finding signer for each account where the finding is (the digital team if none named)."""
    roles = roles_of(council=post.council_id, user=user)
    rules = rules_for(account_ids)
    for account_id in account_ids:
        rule = rules.get(account_id)
        named = {person.pk for person in rule.finding_signers.all()} if rule else set()
        if named:
            if user.pk not in named:
                return False
        elif Role.DIGITAL_TEAM not in roles:
            return False
    return True


def manages_holds(*, council: Council | int, user: User | None) -> bool:
    return bool(roles_of(council=council, user=user) & set(HOLD_MANAGERS))
