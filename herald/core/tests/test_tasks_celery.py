from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest
from django.tasks import TaskResultStatus, task, task_backends
from django.tasks.exceptions import InvalidTask
from django.tasks.signals import task_finished
from django.test import override_settings

from herald.accounts.models import LoginFailure
from herald.core.tasks_celery import (
    RUN_TASK_NAME,
    CeleryBackend,
    celery_priority,
    create_celery_app,
)

# Never connects: enqueue tests stop at send_task, and run tests apply the task in-process.
celery_app = create_celery_app(main="herald-unit", broker_url="memory://")
CELERY_TASKS = {
    "default": {
        "BACKEND": "herald.core.tasks_celery.CeleryBackend",
        "QUEUES": ["default", "publishing"],
        "OPTIONS": {"app": f"{__name__}.celery_app"},
    }
}


@task()
def record_failure(username: str, *, ip_address: str | None = None) -> int:
    return LoginFailure.objects.create(username=username, ip_address=ip_address).pk


@task()
def explode() -> None:
    raise ValueError("nothing to publish")


@pytest.fixture
def backend() -> Iterator[CeleryBackend]:
    with override_settings(TASKS=CELERY_TASKS):
        celery_backend = task_backends["default"]
        assert isinstance(celery_backend, CeleryBackend)
        yield celery_backend


@pytest.fixture
def send_task(backend: CeleryBackend) -> Iterator[mock.MagicMock]:
    with mock.patch.object(celery_app, "send_task") as sent:
        yield sent


def run_in_worker(module_path: str, *args: Any) -> Any:
    return celery_app.tasks[RUN_TASK_NAME].apply(args=(module_path, *args), task_id="t-1")


def test_enqueue_sends_the_task_path_and_json_arguments_to_the_generic_celery_task(
    send_task: mock.MagicMock,
) -> None:
    result = record_failure.enqueue("mallory", ip_address="192.0.2.7")

    send_task.assert_called_once_with(
        RUN_TASK_NAME,
        args=[f"{__name__}.record_failure", ["mallory"], {"ip_address": "192.0.2.7"}],
        task_id=result.id,
        queue="default",
        priority=4,
        eta=None,
    )
    assert result.status == TaskResultStatus.READY
    assert result.enqueued_at is not None


def test_queue_priority_and_run_after_become_celery_routing_options(
    send_task: mock.MagicMock,
) -> None:
    run_after = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    urgent = record_failure.using(queue_name="publishing", priority=100, run_after=run_after)
    urgent.enqueue("mallory")

    options = send_task.call_args.kwargs
    assert (options["queue"], options["priority"], options["eta"]) == ("publishing", 0, run_after)


@pytest.mark.parametrize(
    ("django_priority", "redis_priority"), [(100, 0), (50, 2), (0, 4), (-50, 6), (-100, 9)]
)
def test_higher_django_priorities_map_to_redis_priorities_popped_sooner(
    django_priority: int, redis_priority: int
) -> None:
    assert celery_priority(django_priority) == redis_priority


def test_arguments_that_are_not_json_fail_at_enqueue_and_send_nothing(
    send_task: mock.MagicMock,
) -> None:
    with pytest.raises(TypeError):
        record_failure.enqueue(object())  # type: ignore[arg-type] # the mistake under test
    send_task.assert_not_called()


def test_a_queue_the_backend_does_not_know_is_refused(send_task: mock.MagicMock) -> None:
    with pytest.raises(InvalidTask):
        record_failure.using(queue_name="nowhere").enqueue("mallory")
    send_task.assert_not_called()


@pytest.mark.django_db
def test_the_generic_celery_task_runs_the_named_django_task(backend: CeleryBackend) -> None:
    outcome = run_in_worker(f"{__name__}.record_failure", ["mallory"], {"ip_address": "192.0.2.7"})

    failure = LoginFailure.objects.get()
    assert outcome.get() == failure.pk
    assert (failure.username, failure.ip_address) == ("mallory", "192.0.2.7")


def test_a_failing_django_task_fails_the_celery_task_and_reports_the_error(
    backend: CeleryBackend,
) -> None:
    finished = []

    def receiver(sender: type, task_result: Any, **kwargs: Any) -> None:
        finished.append(task_result)

    task_finished.connect(receiver, sender=CeleryBackend)
    try:
        outcome = run_in_worker(f"{__name__}.explode", [], {})
    finally:
        task_finished.disconnect(receiver, sender=CeleryBackend)

    assert outcome.failed()
    assert isinstance(outcome.result, ValueError)
    assert [r.status for r in finished] == [TaskResultStatus.FAILED]
    assert finished[0].errors[0].exception_class is ValueError


def test_a_path_that_is_not_a_django_task_is_refused(backend: CeleryBackend) -> None:
    outcome = run_in_worker("herald.core.tasks_celery.celery_priority", [], {})
    assert isinstance(outcome.result, TypeError)


def test_the_app_accepts_json_only_and_acknowledges_late() -> None:
    conf = celery_app.conf
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
