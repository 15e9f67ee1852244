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

# An approved post whose time passed while it waited goes to "needs rescheduling", never out late.
register(
    name="publishing.flag_overdue",
    task=tasks.flag_overdue_posts,
    interval=timedelta(minutes=1),
)
