"""Periodic jobs for listening, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import DAILY, register
from herald.listening import tasks
from herald.listening.alerting import tasks as alerting_tasks
from herald.listening.insight import tasks as insight_tasks

# Each source keeps its own pace (``poll_every_seconds``); the sweep only finds who is due.
register(
    name="listening.poll_due_sources", task=tasks.poll_due_sources, interval=timedelta(seconds=30)
)
# Spikes, shifts, escalations and held emails; the retention purge.
register(
    name="listening.evaluate_alerts",
    task=alerting_tasks.evaluate_alerts,
    interval=timedelta(minutes=15),
)
register(
    name="listening.purge_expired_mentions",
    task=insight_tasks.purge_expired_mentions_daily,
    interval=DAILY,
)
