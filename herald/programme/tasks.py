"""Background entry points: each calls one service for every active council."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from herald.councils.selectors import active_councils
from herald.programme.services.scheduled import draft_quarterly_report, send_monthly_digest


@task()
def send_monthly_digests() -> int:
    """Daily: the first run in a month emails last month's digest (once per council)."""
    today = timezone.localdate()
    return sum(send_monthly_digest(council=c, today=today) for c in active_councils())


@task()
def draft_quarterly_reports() -> int:
    """Daily: the first run in a quarter drafts the committee's quarterly report (once)."""
    today = timezone.localdate()
    return sum(
        draft_quarterly_report(council=c, today=today) is not None for c in active_councils()
    )
