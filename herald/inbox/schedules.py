"""Periodic jobs for the inbox, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import register
from herald.inbox.replies import tasks as reply_tasks

# Replies are sent as soon as they are approved (a task each); this pass catches retries after
# backoff, rate limits, unconfirmed replies to read back and workers that died mid-send.
register(
    name="inbox.send_replies",
    task=reply_tasks.send_due,
    interval=timedelta(seconds=15),
)
