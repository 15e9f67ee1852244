"""Background entry points for alerts: each calls one service, for every active council."""

from django.tasks import task

from herald.councils.models import Council
from herald.listening.alerting import lifecycle, spikes


@task()
def evaluate_alerts() -> int:
    """Every 15 minutes: spikes and shifts over the rollups, then escalations and held emails."""
    raised = 0
    for council_id in Council.objects.filter(is_active=True).values_list("pk", flat=True):
        raised += len(spikes.evaluate_rollups(council_id=council_id))
    lifecycle.escalate_due_alerts()
    lifecycle.send_held_emails()
    return raised
