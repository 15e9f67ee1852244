"""Periodic jobs for channels, found by ``herald.core.scheduling``."""

from herald.channels import tasks
from herald.core.scheduling import HOURLY, register

register(name="channels.check_connections", task=tasks.check_connections, interval=HOURLY)
