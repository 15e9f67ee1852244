"""Background entry points: each calls one service, for every active council."""

from django.tasks import task

from herald.councils.models import Council
from herald.network import ingest, review


@task()
def purge_old_proxy_rows() -> int:
    """Daily: raw proxy rows past each council's retention period go; returns how many."""
    return sum(
        ingest.purge_old_rows(council=council) for council in Council.objects.filter(is_active=True)
    )


@task()
def quarterly_review() -> int:
    """Quarterly: record the review (expiring exceptions, each category's use) for ICT."""
    councils = list(Council.objects.filter(is_active=True))
    for council in councils:
        review.record_review(council=council)
    return len(councils)
