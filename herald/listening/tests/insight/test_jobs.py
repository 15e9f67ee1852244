"""The periodic jobs, as the scheduler runs them: spikes and shifts every 15 minutes, the
retention purge daily."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.core.scheduling import registered_schedules
from herald.listening.alerting.tasks import evaluate_alerts
from herald.listening.insight.tasks import purge_expired_mentions_daily
from herald.listening.models import Alert, AlertRule, Mention
from herald.listening.tests.insight.support import make_mention, make_source, write_rollup

pytestmark = pytest.mark.django_db


def test_the_jobs_are_registered_with_their_intervals() -> None:
    schedules = registered_schedules()
    assert schedules["listening.evaluate_alerts"].interval == datetime.timedelta(minutes=15)
    assert schedules["listening.purge_expired_mentions"].interval == datetime.timedelta(days=1)


def test_the_alert_job_raises_a_spike_from_the_rollups(personas: Personas) -> None:
    AlertRule.objects.create(
        council=personas.council, name="Spikes", kind="volume_spike", minimum_count=5
    )
    source = make_source(personas.council)
    write_rollup(source, hour=timezone.now(), total=12)
    result = evaluate_alerts.enqueue()
    assert result.return_value == 1
    assert Alert.objects.get().observed == 12


def test_the_purge_job_uses_each_councils_retention(personas: Personas) -> None:
    source = make_source(personas.council)
    make_mention(source, posted_at=timezone.now() - datetime.timedelta(days=420))
    make_mention(source, posted_at=timezone.now() - datetime.timedelta(days=10))
    assert purge_expired_mentions_daily.enqueue().return_value == 1
    assert Mention.objects.count() == 1
