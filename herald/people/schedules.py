"""Periodic jobs for people, found by ``herald.core.scheduling``."""

from herald.core.scheduling import HOURLY, register
from herald.people import tasks

# Hourly rather than daily so a leaving date takes effect within the hour it starts.
register(name="people.switch_off_leavers", task=tasks.switch_off_leavers_today, interval=HOURLY)
