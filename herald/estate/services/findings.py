"""Assigning findings as remediation tasks, and the leavers' same-day check (report ¶18, ¶20)."""

from __future__ import annotations

import datetime
from functools import partial
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.councils.models import Council
from herald.estate.errors import WrongCouncil
from herald.estate.models import AdminAccess, Finding, SocialAccount
from herald.estate.services.housekeeping import run_housekeeping
from herald.estate.workflow import AUDITED_STATUSES

if TYPE_CHECKING:
    from herald.people.models import StaffMember


@transaction.atomic
def assign_finding(
    *, finding: Finding, assignee: StaffMember, due_on: datetime.date, actor: Actor
) -> Finding:
    """Give the remediation task to someone with a due date; they are told by email."""
    if assignee.council_id != finding.council_id:
        raise WrongCouncil("Assign the finding to someone in the same council")
    before = {"assignee": str(finding.assignee or ""), "due_on": finding.due_on.isoformat()}
    finding.assignee, finding.due_on = assignee, due_on
    finding.save(update_fields=["assignee", "due_on", "updated_at"])
    record(
        council=finding.council,
        actor=actor,
        action="estate.finding_assigned",
        summary=f"Assigned '{finding.get_kind_display()}' on {finding.account} to {assignee}",
        target=finding.account,
        changes=diff(before, {"assignee": str(assignee), "due_on": due_on.isoformat()}),
    )
    if assignee.email:
        transaction.on_commit(
            partial(
                send_mail,
                subject=f"Please fix: {finding.get_kind_display()} on {finding.account.name}",
                message=f"{finding.detail}.\n\nPlease sort this out by {due_on:%d %B %Y}.",
                from_email=None,
                recipient_list=[assignee.email],
            )
        )
    return finding


LEAVER_KINDS = (Finding.Kind.OWNER_LEFT, Finding.Kind.ADMIN_LEFT)


def councils_with_unflagged_leavers(*, on: datetime.date | None = None) -> list[Council]:
    """Councils where someone holding an account has left and has no open finding yet."""
    today = on or timezone.localdate()
    live = SocialAccount.objects.filter(status__in=AUDITED_STATUSES)
    held = set(
        live.filter(owner__left_on__lte=today).values_list("council_id", "id", "owner_id")
    ) | set(live.filter(deputy__left_on__lte=today).values_list("council_id", "id", "deputy_id"))
    held |= set(
        AdminAccess.objects.filter(
            Q(removed_at__isnull=True),
            account__status__in=AUDITED_STATUSES,
            staff_member__left_on__lte=today,
        ).values_list("account__council_id", "account_id", "staff_member_id")
    )
    flagged = set(
        Finding.objects.open()
        .filter(kind__in=LEAVER_KINDS)
        .values_list("council_id", "account_id", "subject")
    )
    waiting = {
        council for council, account, staff in held if (council, account, str(staff)) not in flagged
    }
    return list(Council.objects.filter(pk__in=waiting, is_active=True))


def flag_leavers(*, actor: Actor, on: datetime.date | None = None) -> int:
    """Run the check for each council with a leaver still holding an account; returns how many."""
    councils = councils_with_unflagged_leavers(on=on)
    for council in councils:
        run_housekeeping(council=council, actor=actor, on=on)
    return len(councils)
