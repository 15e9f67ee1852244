"""The estate's periodic jobs: registered with the scheduler, each calling its one service."""

import pytest

from conftest import Personas
from herald.core.scheduling import DAILY, HOURLY, registered_schedules
from herald.estate import tasks
from herald.estate.models import Finding
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db


def test_the_check_runs_daily_and_the_leaver_sweep_hourly() -> None:
    schedules = registered_schedules()
    assert schedules["estate.run_housekeeping"].interval == DAILY
    assert schedules["estate.flag_leavers"].interval == HOURLY


def test_the_daily_job_checks_every_active_council(personas: Personas, estate: Estate) -> None:
    make_account(council=personas.council, service=estate.service, two_factor="off")
    assert tasks.run_housekeeping_everywhere.call() == 2
    assert Finding.objects.filter(council=personas.council, kind="two_factor_off").exists()


def test_the_hourly_job_does_nothing_without_leavers(personas: Personas, estate: Estate) -> None:
    make_account(council=personas.council, service=estate.service, owner=estate.owner)
    assert tasks.flag_leavers.call() == 0
    assert not Finding.objects.exists()
