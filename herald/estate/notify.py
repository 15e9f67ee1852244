"""Emails to people about their requests and accounts, sent once the change has committed."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction

from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import AccountRequest, Finding

_REQUEST_SUBJECTS = {
    "submitted": "We have your request for a new social media account",
    "changes_requested": "Changes needed to your social media account request",
    "approved": "Your social media account request is approved",
    "rejected": "Your social media account request was not approved",
}


def request_step(*, request: AccountRequest, step: str, note: str = "") -> None:
    """Tell the requester where their request has got to (every step, report ¶20)."""
    email = request.requested_by.email
    if not email:
        return
    lines = [
        f"Your request for {request.name} ({request.get_network_display()}) "
        f"is now: {request.get_status_display().lower()}.",
    ]
    if note:
        lines += ["", note]
    lines += ["", "You can see your requests in Herald under 'Your account requests'."]
    transaction.on_commit(
        partial(
            send_mail,
            subject=_REQUEST_SUBJECTS[step],
            message="\n".join(lines),
            from_email=None,
            recipient_list=[email],
        )
    )


def rights_suspended(*, council: Council, findings: list[Finding]) -> None:
    """Tell each account's owner that a holder's publishing rights have lapsed (issue 9 gate).

    When the owner is the one suspended, the digital team is told instead, so the notice reaches
    someone who can act on it.
    """
    accounts = council.social_accounts.select_related("owner").in_bulk(
        {finding.account_id for finding in findings}
    )
    team: list[str] | None = None
    for finding in findings:
        account = accounts[finding.account_id]
        owner = account.owner
        if owner is not None and str(owner.pk) != finding.subject and owner.email:
            recipients = [owner.email]
        else:
            team = team if team is not None else _digital_team_emails(council)
            recipients = team
        if recipients:
            _send(
                subject=f"Publishing rights suspended on {account.name}",
                lines=[
                    f"{finding.detail}.",
                    "",
                    f"Check who looks after {account.name} ({account.get_network_display()}) "
                    "and name a trained owner, deputy or admin if they cannot return to it soon.",
                ],
                recipients=recipients,
            )


def _digital_team_emails(council: Council) -> list[str]:
    emails = council.role_assignments.filter(
        role=Role.DIGITAL_TEAM, membership__is_active=True
    ).values_list("membership__user__email", flat=True)
    return sorted({email for email in emails if email})


def _send(*, subject: str, lines: list[str], recipients: list[str]) -> None:
    transaction.on_commit(
        partial(
            send_mail,
            subject=subject,
            message="\n".join(lines),
            from_email=None,
            recipient_list=recipients,
        )
    )
