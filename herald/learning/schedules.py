"""Periodic jobs for learning, found by ``herald.core.scheduling``."""

from herald.core.scheduling import DAILY, register
from herald.learning import tasks

register(
    name="learning.suspend_lapsed_publishing_rights",
    task=tasks.suspend_lapsed_publishing_rights,
    interval=DAILY,
)
register(
    name="learning.send_acknowledgement_reminders",
    task=tasks.send_acknowledgement_reminders,
    interval=DAILY,
)
register(
    name="learning.send_policy_review_reminders",
    task=tasks.send_policy_review_reminders,
    interval=DAILY,
)
register(
    name="learning.erase_expired_conduct_records",
    task=tasks.erase_expired_conduct_records,
    interval=DAILY,
)
