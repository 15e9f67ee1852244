"""Periodic jobs for the estate, found by ``herald.core.scheduling``."""

from herald.core.scheduling import DAILY, HOURLY, register
from herald.estate import tasks

register(name="estate.run_housekeeping", task=tasks.run_housekeeping_everywhere, interval=DAILY)
# Hourly, like people's leaver switch-off, so a leaving date raises its findings that same day.
register(name="estate.flag_leavers", task=tasks.flag_leavers, interval=HOURLY)
