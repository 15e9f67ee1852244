"""Periodic jobs for publishing, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import register
from herald.publishing import tasks

# Often, so a post goes out within seconds of its time (the sweep is cheap when nothing is due).
register(
    name="publishing.publish_due",
    task=tasks.publish_due_posts,
    interval=timedelta(seconds=tasks.WINDOW_SECONDS),
)
