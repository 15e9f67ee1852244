"""Periodic jobs for the programme, found by ``herald.core.scheduling``. Daily sweeps: each
service does its work once per month or quarter, so a missed day only delays it."""

from herald.core.scheduling import DAILY, register
from herald.programme import tasks

register(name="programme.send_monthly_digests", task=tasks.send_monthly_digests, interval=DAILY)
register(
    name="programme.draft_quarterly_reports", task=tasks.draft_quarterly_reports, interval=DAILY
)
