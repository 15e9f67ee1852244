"""Background entry points for listening's privacy: each calls one service per active council."""

from django.tasks import task

from herald.councils.models import Council
from herald.listening.insight.purge import purge_expired_mentions


@task()
def purge_expired_mentions_daily() -> int:
    """Daily: mentions past each council's retention period are deleted; returns how many."""
    return sum(
        purge_expired_mentions(council=council)
        for council in Council.objects.filter(is_active=True)
    )
