"""Scheduled reports: a monthly digest emailed to the digital team and heads of service, and a
quarterly report drafted for the committee. Each runs once per period (``DigestRun``), however
often the job is swept."""

from __future__ import annotations

import datetime
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from herald.audit.services import SYSTEM, record
from herald.councils.roles import Role
from herald.programme.kpis import all_kpis, show
from herald.programme.models import DigestRun, Report
from herald.programme.periods import Period
from herald.programme.progress import plan_status
from herald.programme.services.reports import create_report

if TYPE_CHECKING:
    from herald.councils.models import Council


def _claim(council: Council, kind: str, period_from: datetime.date) -> bool:
    """True once per council, kind and period: the unique row is the claim."""
    try:
        with transaction.atomic():
            DigestRun.objects.create(council=council, kind=kind, period_from=period_from)
    except IntegrityError:
        return False
    return True


def digest_recipients(council: Council) -> list[str]:
    """The digital team, and every head of service (the people at the top of a service's tree:
    staff in a service whose line manager is outside it or who have none)."""
    team = council.role_assignments.filter(
        role=Role.DIGITAL_TEAM, membership__is_active=True
    ).values_list("membership__user__email", flat=True)
    heads = [
        s.email
        for s in council.staff_members.current()
        .filter(service__isnull=False, direct_reports__isnull=False)
        .select_related("line_manager")
        .distinct()
        if s.line_manager is None or s.line_manager.service_id != s.service_id
    ]
    return sorted({e for e in [*team, *heads] if e})


def send_monthly_digest(*, council: Council, today: datetime.date) -> bool:
    """Last month's KPIs and the plan's RAG, emailed once; False if already sent or nobody to."""
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    period = Period.months_to(last, 1)
    recipients = digest_recipients(council)
    if not recipients or not _claim(council, DigestRun.Kind.MONTHLY_DIGEST, period.start):
        return False
    text = render_to_string(
        "programme/digest.txt",
        {
            "council": council,
            "period": period,
            "kpis": [
                (k, show(k.value, k.unit) if k.has_data else k.no_data)
                for k in all_kpis(council=council, period=period)
            ],
            "phases": plan_status(council=council, today=today),
            "site": settings.SITE_URL,
        },
    )
    transaction.on_commit(
        partial(
            send_mail,
            subject=f"Social media programme: {period.start:%B %Y} digest",
            message=text,
            from_email=None,
            recipient_list=recipients,
        )
    )
    record(
        council=council,
        actor=SYSTEM,
        action="programme.digest_sent",
        summary=f"Emailed the {period.start:%B %Y} digest to {len(recipients)} people",
    )
    return True


def draft_quarterly_report(*, council: Council, today: datetime.date) -> Report | None:
    """On the first run in a quarter, a draft report for the quarter just ended (six months of
    trend would not fit a quarter's committee cycle, so the period is the last three months)."""
    quarter_start = today.replace(month=((today.month - 1) // 3) * 3 + 1, day=1)
    period = Period.months_to(quarter_start - datetime.timedelta(days=1), 3)
    if not _claim(council, DigestRun.Kind.QUARTERLY_REPORT, period.start):
        return None
    report = create_report(
        council=council,
        period_from=period.start,
        period_to=period.end,
        actor=SYSTEM,
        title=f"Social media programme: quarterly report, {period.label}",
    )
    team = sorted(
        {
            e
            for e in council.role_assignments.filter(
                role=Role.DIGITAL_TEAM, membership__is_active=True
            ).values_list("membership__user__email", flat=True)
            if e
        }
    )
    if team:
        message = (
            f"Herald has drafted the committee's quarterly report for {period.label}.\n\n"
            "Complete the author's sections, then finalise it:\n"
            f"{settings.SITE_URL}/programme/reports/{report.public_id}/\n"
        )
        transaction.on_commit(
            partial(
                send_mail,
                subject=f"Quarterly report drafted: {period.label}",
                message=message,
                from_email=None,
                recipient_list=team,
            )
        )
    return report
