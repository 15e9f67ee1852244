"""The task backend contract: the same tasks, enqueued the same way, run and leave the same effects
on the embedded database backend and on Celery with a real Redis.

Marked ``celery``, so the default run deselects it; CI runs ``scripts/test -m celery`` with Redis up.
The workers run inside the test process (the database worker for one batch, Celery in a thread),
so they share the test database; the tests are transactional so the workers see committed rows.
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from herald.accounts.models import LoginFailure
from herald.core.models import PeriodicJob
from herald.core.scheduling import registered_schedules, sweep
from herald.core.tasks_celery import create_celery_app
from tests.tasks.jobs import record_sign_in_failure

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

# Every task goes to a queue of the test's own (so parallel runs sharing a Redis never swap work);
# "default" stays valid only because @task checks it when a module of tasks is first imported.

# A database number of its own, so the contract never touches a developer's queues.
REDIS_URL = os.environ.get("HERALD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
contract_app = create_celery_app(main="herald-contract", broker_url=REDIS_URL)
PRUNE = "accounts.prune_login_failures"


@pytest.fixture
def queue_name() -> str:
    return f"herald-contract-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def redis_queue(queue_name: str) -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); start redis-server")
    yield queue_name
    for key in client.scan_iter(f"*{queue_name}*"):
        client.delete(key)


def enqueue_the_contract(*, queue_name: str) -> int:
    """Enqueue each kind of work Herald sends (a plain task, a periodic job); return the count."""
    stale = LoginFailure.objects.create(username="old")
    LoginFailure.objects.filter(pk=stale.pk).update(failed_at=timezone.now() - timedelta(days=2))
    record_sign_in_failure.using(queue_name=queue_name).enqueue("mallory", ip_address="192.0.2.7")
    prune = registered_schedules()[PRUNE]
    schedules = {PRUNE: replace(prune, task=prune.task.using(queue_name=queue_name))}
    assert sweep(schedules=schedules) == [PRUNE]
    return 2


def assert_the_contract_held() -> None:
    failures = LoginFailure.objects.values_list("username", "ip_address")
    assert list(failures) == [("mallory", "192.0.2.7")]  # recorded with its arguments; old pruned
    job = PeriodicJob.objects.get(name=PRUNE)
    assert job.last_finished_at is not None
    assert job.last_error == ""


@contextmanager
def preserved_signal_handlers() -> Iterator[None]:
    # The database worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


class FinishedTasks:
    """Counts tasks the Celery worker has finished, so the test waits for work, not for time."""

    def __init__(self) -> None:
        self.states: list[str] = []
        self._changed = threading.Condition()

    def __call__(self, *, state: str | None = None, **kwargs: Any) -> None:
        with self._changed:
            self.states.append(str(state))
            self._changed.notify_all()

    def wait_for(self, count: int, *, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.states) >= count, timeout=timeout)


def test_the_database_backend_runs_the_contract(queue_name: str) -> None:
    tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", queue_name]}
    }
    with override_settings(TASKS=tasks):
        count = enqueue_the_contract(queue_name=queue_name)
        with preserved_signal_handlers():
            call_command(
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                f"--queue-name={queue_name}",
                stdout=StringIO(),
            )

    statuses = list(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["SUCCESSFUL"] * count
    assert_the_contract_held()


def test_celery_on_redis_runs_the_contract(redis_queue: str) -> None:
    tasks = {
        "default": {
            "BACKEND": "herald.core.tasks_celery.CeleryBackend",
            "QUEUES": ["default", redis_queue],
            "OPTIONS": {"app": f"{__name__}.contract_app"},
        }
    }
    finished = FinishedTasks()
    task_postrun.connect(finished)
    try:
        with (
            override_settings(TASKS=tasks),
            start_worker(contract_app, perform_ping_check=False, queues=[redis_queue]),
        ):
            count = enqueue_the_contract(queue_name=redis_queue)
            assert finished.wait_for(count, timeout=60), f"only {finished.states} finished"
    finally:
        task_postrun.disconnect(finished)

    assert finished.states == ["SUCCESS"] * count
    assert_the_contract_held()
