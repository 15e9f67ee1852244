"""Background entry points for the inbox: each calls one service per council."""

from __future__ import annotations

import datetime

from django.tasks import task
from django.utils import timezone

from herald.councils.models import Council
from herald.inbox import services

# Per council and run: enough to keep up with 10,000 messages a minute, bounded so one busy
# council cannot starve the others.
MAX_BATCHES = 20


@task()
def collect_mentions() -> dict[str, int]:
    """Collect what listening heard for every council into its inbox."""
    totals = services.CollectResult()
    for council in Council.objects.filter(is_active=True).order_by("id"):
        for _ in range(MAX_BATCHES):
            result = services.collect_for(council=council)
            totals.collected += result.collected
            totals.started += result.started
            totals.rejected += result.rejected
            totals.escalated += result.escalated
            if result.collected + result.rejected == 0:
                break
    return totals.as_dict()


@task()
def mark_deleted_messages() -> int:
    """Messages deleted on the network in the last day are marked (Herald keeps its copy)."""
    since = timezone.now() - datetime.timedelta(days=1)
    return sum(
        services.mark_deleted_messages(council=council, since=since)
        for council in Council.objects.filter(is_active=True)
    )


@task()
def purge_expired_records() -> int:
    """Conversations past each council's retention period, except under open escalations."""
    now = timezone.now()
    purged = 0
    for council in Council.objects.all():
        while done := services.purge_expired(council=council, now=now):
            purged += done
    return purged
