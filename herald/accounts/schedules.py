"""Periodic jobs for accounts, found by ``herald.core.scheduling``."""

from herald.accounts import tasks
from herald.core.scheduling import HOURLY, register

register(name="accounts.prune_login_failures", task=tasks.prune_login_failures, interval=HOURLY)
