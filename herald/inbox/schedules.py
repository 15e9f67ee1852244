"""Periodic jobs for the inbox, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import register
from herald.inbox import tasks
from herald.inbox.replies import tasks as reply_tasks

# Every few seconds: a resident's message reaches the inbox soon after listening hears it.
register(name="inbox.collect", task=tasks.collect_mentions, interval=timedelta(seconds=10))

register(
    name="inbox.mark_deleted", task=tasks.mark_deleted_messages, interval=timedelta(minutes=10)
)

# Retention: the documented exception to never deleting, once a day.
register(name="inbox.purge", task=tasks.purge_expired_records, interval=timedelta(days=1))

# Replies are sent as soon as they are approved (a task each); this pass catches retries after
# backoff, rate limits, unconfirmed replies to read back and workers that died mid-send.
register(
    name="inbox.send_replies",
    task=reply_tasks.send_due,
    interval=timedelta(seconds=15),
)
