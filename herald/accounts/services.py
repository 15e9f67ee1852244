"""Writes for sign-in identities and their throttling data."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from herald.accounts.models import LoginFailure

# Failed sign-ins are throttling data, not council records: a day is plenty to spot a pattern.
LOGIN_FAILURE_RETENTION = timedelta(days=1)


def prune_login_failures() -> int:
    """Delete failed sign-ins older than a day (never any still inside the throttling window)."""
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    cutoff = timezone.now() - max(LOGIN_FAILURE_RETENTION, window)
    deleted, _ = LoginFailure.objects.filter(failed_at__lt=cutoff).delete()
    return deleted
