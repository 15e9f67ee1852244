"""Alerts are emailed to the council's ICT role holders only (never to line managers)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction

from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.network.models import NetworkAlert


def ict_emails(council: Council) -> list[str]:
    emails = council.role_assignments.filter(role=Role.ICT, membership__is_active=True).values_list(
        "membership__user__email", flat=True
    )
    return sorted({email for email in emails if email})


def alerts_raised(*, council: Council, alerts: list[NetworkAlert]) -> None:
    """One email to ICT listing the new alerts, sent once they are committed."""
    recipients = ict_emails(council)
    if not alerts or not recipients:
        return
    lines = [f"Herald raised {len(alerts)} network alerts for {council.name}:", ""]
    lines += [f"- {a.day:%d %B %Y}: {a.get_kind_display()}. {a.detail}" for a in alerts]
    lines += ["", "See Network usage, then Network alerts, in Herald."]
    transaction.on_commit(
        partial(
            send_mail,
            subject=f"Network alerts for {council.name}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=recipients,
        )
    )
