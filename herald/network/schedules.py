"""Periodic jobs for the network policy, found by ``herald.core.scheduling``."""

from datetime import timedelta

from herald.core.scheduling import DAILY, register
from herald.network import tasks

register(name="network.purge_old_proxy_rows", task=tasks.purge_old_proxy_rows, interval=DAILY)
register(name="network.quarterly_review", task=tasks.quarterly_review, interval=timedelta(days=91))
