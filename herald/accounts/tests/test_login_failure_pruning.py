from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import override_settings

from herald.accounts.models import LoginFailure
from herald.accounts.services import prune_login_failures
from herald.accounts.tasks import prune_login_failures as prune_login_failures_task

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def failure_at(when: datetime, username: str = "mallory") -> LoginFailure:
    with time_machine.travel(when, tick=False):
        return LoginFailure.objects.create(username=username, ip_address="192.0.2.7")


def test_failures_older_than_a_day_are_deleted_and_newer_ones_kept() -> None:
    failure_at(NOW - timedelta(days=1, minutes=1))
    kept = failure_at(NOW - timedelta(hours=23))
    with time_machine.travel(NOW, tick=False):
        assert prune_login_failures() == 1
    assert list(LoginFailure.objects.all()) == [kept]


@override_settings(LOGIN_FAILURE_WINDOW_SECONDS=3 * 24 * 60 * 60)
def test_failures_still_inside_a_longer_throttling_window_are_kept() -> None:
    kept = failure_at(NOW - timedelta(days=2))
    with time_machine.travel(NOW, tick=False):
        assert prune_login_failures() == 0
    assert list(LoginFailure.objects.all()) == [kept]


def test_the_task_prunes_through_the_service() -> None:
    failure_at(NOW - timedelta(days=2))
    with time_machine.travel(NOW, tick=False):
        result = prune_login_failures_task.enqueue()
    assert result.return_value == 1
    assert not LoginFailure.objects.exists()
