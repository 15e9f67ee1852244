from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.tasks import TaskResult, task, task_backends
from django.tasks.backends.dummy import DummyBackend
from django.test import override_settings

from herald.accounts.models import LoginFailure
from herald.core import scheduling
from herald.core.management.commands import run_scheduler
from herald.core.models import PeriodicJob
from herald.core.scheduling import HOURLY, Schedule, claim_job, due_jobs, sweep

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@task()
def tick() -> None:
    """A periodic job that does nothing; the tests count how often it is enqueued."""


@task()
def fail_loudly() -> None:
    raise RuntimeError("the feed is down")


class BrokenBackend(DummyBackend):
    def enqueue(self, task: Any, args: Any, kwargs: Any) -> TaskResult[Any, Any]:
        raise ConnectionError("broker unreachable")


TICK = {"core.tick": Schedule(name="core.tick", task=tick, interval=HOURLY)}


@pytest.fixture
def enqueued() -> Iterator[list[TaskResult[Any, Any]]]:
    with override_settings(TASKS=DUMMY_TASKS):
        backend = task_backends["default"]
        assert isinstance(backend, DummyBackend)
        yield backend.results


@pytest.fixture
def sweep_now(django_capture_on_commit_callbacks: Capture) -> Callable[..., list[str]]:
    # The test's own transaction never commits, so run the on-commit enqueues by hand.
    def run(**kwargs: Any) -> list[str]:
        with django_capture_on_commit_callbacks(execute=True):
            return sweep(**kwargs)

    return run


@pytest.fixture
def failing_job() -> Iterator[str]:
    scheduling.register(name="core.fail_loudly", task=fail_loudly, interval=HOURLY)
    yield "core.fail_loudly"
    scheduling._schedules.pop("core.fail_loudly")


def test_a_new_job_is_enqueued_on_its_first_sweep(enqueued: list[Any], sweep_now: Any) -> None:
    assert sweep_now(now=START, schedules=TICK) == ["core.tick"]
    assert [(r.task.module_path, r.kwargs) for r in enqueued] == [
        ("herald.core.scheduling.run_periodic_job", {"name": "core.tick"})
    ]
    job = PeriodicJob.objects.get(name="core.tick")
    assert (job.next_run_at, job.last_enqueued_at) == (START + HOURLY, START)


def test_two_schedulers_that_see_the_same_due_job_claim_it_once() -> None:
    PeriodicJob.objects.create(name="core.tick", interval_seconds=3600, next_run_at=START)
    seen_by_first = due_jobs(names=["core.tick"], now=START)
    seen_by_second = due_jobs(names=["core.tick"], now=START)
    assert seen_by_first == seen_by_second == [("core.tick", START)]

    schedule = TICK["core.tick"]
    assert claim_job(schedule=schedule, seen_next_run_at=START, now=START) is True
    assert claim_job(schedule=schedule, seen_next_run_at=START, now=START) is False


def test_a_second_sweep_at_the_same_moment_enqueues_nothing_more(
    enqueued: list[Any], sweep_now: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    PeriodicJob.objects.create(name="core.tick", interval_seconds=3600, next_run_at=START)
    # The second scheduler reads the due row before the first claims it, and claims afterwards.
    seen_by_second = due_jobs(names=["core.tick"], now=START)
    assert sweep_now(now=START, schedules=TICK) == ["core.tick"]
    monkeypatch.setattr(scheduling, "due_jobs", lambda **kwargs: seen_by_second)
    assert sweep_now(now=START, schedules=TICK) == []
    assert len(enqueued) == 1


def test_a_job_is_enqueued_again_only_once_its_interval_has_passed(
    enqueued: list[Any], sweep_now: Any, time_machine: time_machine.TimeMachineFixture
) -> None:
    time_machine.move_to(START, tick=False)
    assert sweep_now(schedules=TICK) == ["core.tick"]
    time_machine.move_to(START + timedelta(minutes=59), tick=False)
    assert sweep_now(schedules=TICK) == []
    time_machine.move_to(START + timedelta(minutes=61), tick=False)
    assert sweep_now(schedules=TICK) == ["core.tick"]
    assert len(enqueued) == 2


def test_a_shorter_interval_in_code_brings_the_next_run_forward(
    enqueued: list[Any], sweep_now: Any
) -> None:
    daily = {"core.tick": Schedule(name="core.tick", task=tick, interval=timedelta(days=1))}
    sweep_now(now=START, schedules=daily)
    sweep_now(now=START + timedelta(minutes=5), schedules=TICK)
    job = PeriodicJob.objects.get(name="core.tick")
    assert job.interval_seconds == 3600
    assert job.next_run_at == START + timedelta(minutes=5) + HOURLY


def test_a_job_that_cannot_be_enqueued_is_handed_back_for_the_next_sweep(
    sweep_now: Any,
) -> None:
    broken = {"default": {"BACKEND": f"{__name__}.BrokenBackend"}}
    with override_settings(TASKS=broken):
        sweep_now(now=START, schedules=TICK)
    job = PeriodicJob.objects.get(name="core.tick")
    assert job.next_run_at == START
    assert "broker unreachable" in job.last_error


def test_a_due_job_runs_its_task_and_records_when_it_finished(sweep_now: Any) -> None:
    old = LoginFailure.objects.create(username="mallory")
    LoginFailure.objects.filter(pk=old.pk).update(failed_at=START - timedelta(days=2))
    recent = LoginFailure.objects.create(username="alice")

    prune = "accounts.prune_login_failures"
    with time_machine.travel(START, tick=False):
        # Only this job: others registered later should not run inside this test.
        assert sweep_now(schedules={prune: scheduling.registered_schedules()[prune]}) == [prune]

    assert list(LoginFailure.objects.all()) == [recent]
    job = PeriodicJob.objects.get(name=prune)
    assert job.last_started_at == job.last_finished_at == START
    assert job.last_error == ""


def test_a_failing_job_records_its_error(failing_job: str, sweep_now: Any) -> None:
    schedules = {failing_job: scheduling.registered_schedules()[failing_job]}
    sweep_now(now=START, schedules=schedules)
    job = PeriodicJob.objects.get(name=failing_job)
    assert job.last_finished_at is not None
    assert "the feed is down" in job.last_error


def test_running_an_unregistered_job_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="No periodic job"):
        scheduling.run_job(name="core.no_such_job")


def test_two_different_jobs_cannot_share_a_name(failing_job: str) -> None:
    scheduling.register(name=failing_job, task=fail_loudly, interval=HOURLY)  # same again: fine
    with pytest.raises(ImproperlyConfigured, match="Two different"):
        scheduling.register(name=failing_job, task=tick, interval=HOURLY)


def test_run_scheduler_once_reports_what_it_enqueued(
    enqueued: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=out)
    assert "Enqueued accounts.prune_login_failures" in out.getvalue()
    assert "accounts.prune_login_failures" in [r.kwargs["name"] for r in enqueued]


def test_run_scheduler_stops_cleanly_on_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    sweeps = []

    def sweep_then_get_terminated() -> list[str]:
        sweeps.append(1)
        signal.raise_signal(signal.SIGTERM)
        return []

    monkeypatch.setattr(run_scheduler, "sweep", sweep_then_get_terminated)
    handler_before = signal.getsignal(signal.SIGTERM)
    call_command("run_scheduler", "--interval", "3600")  # returns at once, not in an hour
    assert sweeps == [1]
    assert signal.getsignal(signal.SIGTERM) is handler_before
