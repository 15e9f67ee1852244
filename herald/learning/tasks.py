"""Learning's background work: each task takes ids (or nothing) and calls one service."""

from __future__ import annotations

from django.tasks import task

from herald.audit.services import SYSTEM
from herald.councils.selectors import active_councils
from herald.learning.services.conduct import erase_expired_conduct_records as erase_expired
from herald.learning.services.reminders import remind_reviews_due, remind_to_acknowledge
from herald.learning.services.rights import suspend_lapsed_rights


@task()
def suspend_lapsed_publishing_rights() -> int:
    """Daily: publishing roles of people whose training or acknowledgement lapsed are suspended."""
    return sum(suspend_lapsed_rights(council=c, actor=SYSTEM) for c in active_councils())


@task()
def send_acknowledgement_reminders() -> int:
    """Daily: ask (and weekly remind) staff to acknowledge the policies in force."""
    return sum(remind_to_acknowledge(council=c) for c in active_councils())


@task()
def send_policy_review_reminders() -> int:
    """Daily: tell the digital team and HR about reviews due within a month (once each)."""
    return sum(remind_reviews_due(council=c) for c in active_councils())


@task()
def erase_expired_conduct_records() -> int:
    """Daily: blank conduct records kept longer than each council's retention period."""
    return sum(erase_expired(council=c) for c in active_councils())
