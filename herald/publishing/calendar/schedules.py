"""The calendar's periodic job, registered from ``PublishingConfig.ready`` (publishing's own
``schedules.py`` belongs to delivery; both register with ``herald.core.scheduling``)."""

from herald.core.scheduling import HOURLY, register
from herald.publishing.calendar import tasks

register(
    name="publishing.generate_recurring_posts",
    task=tasks.generate_recurring_posts,
    interval=HOURLY,
)
