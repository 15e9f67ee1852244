"""Periodic jobs for listening, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import register
from herald.listening import tasks

# Each source keeps its own pace (``poll_every_seconds``); the sweep only finds who is due.
register(
    name="listening.poll_due_sources", task=tasks.poll_due_sources, interval=timedelta(seconds=30)
)
