"""Background entry points: each calls one service."""

from django.tasks import task

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.estate import services


@task()
def run_housekeeping_everywhere() -> int:
    """Daily: the housekeeping check for every active council; returns how many were checked."""
    councils = list(Council.objects.filter(is_active=True))
    for council in councils:
        services.run_housekeeping(council=council, actor=SYSTEM)
    return len(councils)


@task()
def flag_leavers() -> int:
    """Hourly: a holder who has left gets a finding the day they go, not at the next daily run."""
    return services.flag_leavers(actor=SYSTEM)
