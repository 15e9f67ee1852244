"""Reads about the estate, always from inside one council, and who may see which account."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from herald.councils.roles import Role
from herald.estate.models import (
    AccountRequest,
    AdminAccess,
    Finding,
    FindingQuerySet,
    PendingEstateImport,
    SocialAccount,
    SocialAccountQuerySet,
)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.audit.models import AuditEventQuerySet
    from herald.councils.context import CouncilContext
    from herald.councils.models import Council

# The digital team runs the register; administrators see all of it; owners see their own.
ESTATE_MANAGERS = (Role.DIGITAL_TEAM,)
ESTATE_VIEWERS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
REGISTER_ROLES = (*ESTATE_VIEWERS, Role.ACCOUNT_OWNER)


def sees_whole_estate(context: CouncilContext) -> bool:
    return context.has_any(*ESTATE_VIEWERS)


def manages_estate(context: CouncilContext) -> bool:
    return context.has_any(*ESTATE_MANAGERS)


def _own_staff_id(context: CouncilContext) -> int | None:
    return context.membership.staff_member_id


def visible_accounts(
    *,
    context: CouncilContext,
    service_slug: str = "",
    network: str = "",
    status: str = "",
    search: str = "",
) -> SocialAccountQuerySet:
    """The register as this person may see it (owners: accounts they own or deputise), filtered."""
    accounts: SocialAccountQuerySet = context.council.social_accounts.select_related(
        "service", "owner", "deputy"
    )
    if not sees_whole_estate(context):
        staff_id = _own_staff_id(context)
        accounts = accounts.held_by(staff_id) if staff_id else accounts.none()
    if service_slug:
        accounts = accounts.filter(service__slug=service_slug)
    if network:
        accounts = accounts.filter(network=network)
    if status:
        accounts = accounts.filter(status=status)
    for word in search.split()[:5]:
        accounts = accounts.filter(Q(name__icontains=word) | Q(handle__icontains=word))
    return accounts.annotate(
        open_findings=Count("findings", filter=Q(findings__resolved_at__isnull=True))
    ).order_by("name", "pk")


def visible_account(*, context: CouncilContext, public_id: UUID | str) -> SocialAccount:
    """One account this person may see; another council's, or one not theirs, is a 404."""
    try:
        account = context.council.social_accounts.select_related(
            "council", "service", "owner", "deputy"
        ).get(public_id=public_id)
    except (SocialAccount.DoesNotExist, ValueError):
        raise Http404 from None
    if sees_whole_estate(context):
        return account
    staff_id = _own_staff_id(context)
    if staff_id is not None and staff_id in (account.owner_id, account.deputy_id):
        return account
    raise Http404


def may_edit(context: CouncilContext, account: SocialAccount) -> bool:
    """The digital team edits any account; its owner or deputy edits their own (limited fields)."""
    if manages_estate(context):
        return True
    staff_id = _own_staff_id(context)
    return staff_id is not None and staff_id in (account.owner_id, account.deputy_id)


def current_access(*, account: SocialAccount) -> list[AdminAccess]:
    return list(account.access.filter(removed_at__isnull=True).select_related("staff_member"))


def account_access(*, account: SocialAccount, public_id: UUID | str) -> AdminAccess:
    try:
        return account.access.select_related("account__council", "staff_member").get(
            public_id=public_id
        )
    except (AdminAccess.DoesNotExist, ValueError):
        raise Http404 from None


def account_history(*, account: SocialAccount) -> AuditEventQuerySet:
    """Every audited change to the account, newest first."""
    return account.council.audit_events.filter(
        target_type="estate.socialaccount", target_id=str(account.public_id)
    ).select_related("actor")


def account_findings(*, account: SocialAccount) -> FindingQuerySet:
    return account.findings.open().select_related("assignee")


def visible_findings(
    *,
    context: CouncilContext,
    kind: str = "",
    service_slug: str = "",
    include_resolved: bool = False,
) -> FindingQuerySet:
    """Findings on accounts this person may see, or assigned to them."""
    findings: FindingQuerySet = context.council.estate_findings.select_related(
        "account", "account__service", "assignee"
    )
    if not include_resolved:
        findings = findings.open()
    if not sees_whole_estate(context):
        staff_id = _own_staff_id(context)
        findings = (
            findings.filter(
                Q(account__owner_id=staff_id)
                | Q(account__deputy_id=staff_id)
                | Q(assignee_id=staff_id)
            )
            if staff_id
            else findings.none()
        )
    if kind:
        findings = findings.filter(kind=kind)
    if service_slug:
        findings = findings.filter(account__service__slug=service_slug)
    return findings


def visible_finding(*, context: CouncilContext, public_id: UUID | str) -> Finding:
    try:
        return visible_findings(context=context, include_resolved=True).get(public_id=public_id)
    except (Finding.DoesNotExist, ValueError):
        raise Http404 from None


def requests_by(*, council: Council, user: User) -> QuerySet[AccountRequest]:
    """A person's own account requests, newest first."""
    return council.social_account_requests.filter(requested_by=user).select_related("service")


def review_queue(*, council: Council) -> QuerySet[AccountRequest]:
    """Requests waiting for the digital team, oldest first."""
    return (
        council.social_account_requests.filter(status=AccountRequest.Status.SUBMITTED)
        .select_related("service", "requested_by")
        .order_by("created_at")
    )


def visible_request(*, context: CouncilContext, public_id: UUID | str) -> AccountRequest:
    """A request its requester or the digital team (or an administrator) may see."""
    try:
        request = context.council.social_account_requests.select_related(
            "council", "service", "owner", "deputy", "requested_by", "reviewer", "account"
        ).get(public_id=public_id)
    except (AccountRequest.DoesNotExist, ValueError):
        raise Http404 from None
    if sees_whole_estate(context) or request.requested_by_id == context.membership.user_id:
        return request
    raise Http404


def pending_estate_import(*, council: Council, user: User, public_id: UUID) -> PendingEstateImport:
    try:
        return council.pending_estate_imports.get(public_id=public_id, uploaded_by=user)
    except PendingEstateImport.DoesNotExist:
        raise Http404 from None


def status_counts_by_service(*, council: Council) -> dict[str, dict[str, int]]:
    """{service name: {status: count}} in one grouped query."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = council.social_accounts.values_list("service__name", "status").annotate(n=Count("pk"))
    for service, status, n in rows.order_by():
        counts[service][status] = n
    return dict(counts)


def finding_counts_by_service(*, council: Council) -> dict[str, dict[str, int]]:
    """{service name: {finding kind: open count}} in one grouped query."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        council.estate_findings.open()
        .values_list("account__service__name", "kind")
        .annotate(n=Count("pk"))
    )
    for service, kind, n in rows.order_by():
        counts[service][kind] = n
    return dict(counts)


def health_trend(
    *, council: Council, days: int = 30, today: datetime.date
) -> list[tuple[datetime.date, int, int]]:
    """(day, accounts, open findings) across all services for the last ``days`` days."""
    rows = (
        council.estate_snapshots.filter(taken_on__gt=today - datetime.timedelta(days=days))
        .values_list("taken_on")
        .annotate(accounts=Sum("accounts"), findings=Sum("open_findings"))
        .order_by("taken_on")
    )
    return [(day, accounts, findings) for day, accounts, findings in rows]
