"""A ``django.tasks`` backend that hands work to Celery workers on Redis (``TASK_BACKEND=celery``).

Application code never imports Celery: it defines ``django.tasks`` tasks and enqueues them. This
backend turns each enqueue into one JSON message for a single generic Celery task
(``herald.run_django_task``), which imports the django task by its module path and calls it. So the
same tasks run unchanged on the embedded database backend and on Celery.

``run_after`` becomes a Celery ``eta``, but Herald's own scheduled work never relies on it: with
Redis an eta message waits in one worker's memory and is redelivered after the visibility timeout,
which makes far-future messages fragile. Scheduled work is found by ``herald run_scheduler``
sweeping the database instead (see ``herald.core.scheduling`` and docs/adr/0002).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from functools import cached_property
from traceback import format_exception
from typing import Any

from celery import Celery
from celery import Task as CeleryTask
from django.conf import settings
from django.tasks import Task, TaskContext, TaskResult, TaskResultStatus
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TASK_MAX_PRIORITY, TASK_MIN_PRIORITY, TaskError
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils import timezone
from django.utils.module_loading import import_string

RUN_TASK_NAME = "herald.run_django_task"
DEFAULT_APP = "config.celery.app"
# Redis pops priority 0 first and 9 last (the reverse of RabbitMQ); Herald supports Redis only.
REDIS_PRIORITY_STEPS = list(range(10))


def celery_priority(priority: int) -> int:
    """Map django's priority (-100 lowest … 100 highest) onto Redis's 0 (first) … 9 (last)."""
    span = TASK_MAX_PRIORITY - TASK_MIN_PRIORITY
    return (TASK_MAX_PRIORITY - priority) * REDIS_PRIORITY_STEPS[-1] // span


def create_celery_app(*, main: str = "herald", broker_url: str | None = None) -> Celery:
    """A Celery app configured the way Herald's tasks need (JSON only, late acks, one at a time)."""
    app = Celery(main)
    app.conf.update(
        broker_url=broker_url or settings.CELERY_BROKER_URL,
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        # A task is acknowledged only once it has finished, and a worker that dies mid-task hands
        # it back, so a crash never silently loses work. Tasks must therefore be idempotent.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One message at a time per process: long tasks never hold short ones hostage.
        worker_prefetch_multiplier=1,
        # Results are not kept: tasks record their outcome in Herald's own tables.
        task_ignore_result=True,
        task_default_queue="default",
        broker_transport_options={
            "queue_order_strategy": "priority",
            "priority_steps": REDIS_PRIORITY_STEPS,
            "sep": ":",
        },
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        timezone=settings.TIME_ZONE,
        enable_utc=True,
    )
    app.task(name=RUN_TASK_NAME, bind=True)(_run_django_task)
    return app


def _run_django_task(
    self: CeleryTask[Any, Any], module_path: str, args: list[Any], kwargs: dict[str, Any]
) -> Any:
    """The one Celery task: import the django task named in the message and run it."""
    django_task = import_string(module_path)
    if not isinstance(django_task, Task):
        raise TypeError(f"{module_path!r} is not a django.tasks task")
    return run_django_task(
        django_task=django_task,
        args=args,
        kwargs=kwargs,
        result_id=str(self.request.id),
        worker_id=str(self.request.hostname),
    )


def run_django_task(
    *,
    django_task: Task[..., Any],
    args: list[Any],
    kwargs: dict[str, Any],
    result_id: str,
    worker_id: str,
) -> Any:
    """Call the task as django.tasks' own workers do, sending the same started/finished signals."""
    started_at = timezone.now()
    result: TaskResult[..., Any] = TaskResult(
        task=django_task,
        id=result_id,
        status=TaskResultStatus.RUNNING,
        enqueued_at=None,
        started_at=started_at,
        finished_at=None,
        last_attempted_at=started_at,
        args=args,
        kwargs=kwargs,
        backend=django_task.backend,
        errors=[],
        worker_ids=[worker_id],
    )
    task_started.send(sender=CeleryBackend, task_result=result)
    try:
        if django_task.takes_context:
            value = django_task.call(TaskContext(task_result=result), *args, **kwargs)
        else:
            value = django_task.call(*args, **kwargs)
    except Exception as error:
        _finish(result, status=TaskResultStatus.FAILED, errors=[_task_error(error)])
        raise  # Celery logs the failure; late acks mean a crash (not an exception) is retried
    _finish(result, status=TaskResultStatus.SUCCESSFUL, errors=[])
    return value


def _finish(
    result: TaskResult[..., Any], *, status: TaskResultStatus, errors: list[TaskError]
) -> None:
    finished = replace(result, status=status, finished_at=timezone.now(), errors=errors)
    task_finished.send(sender=CeleryBackend, task_result=finished)


def _task_error(error: Exception) -> TaskError:
    kind = type(error)
    return TaskError(
        exception_class_path=f"{kind.__module__}.{kind.__qualname__}",
        traceback="".join(format_exception(error)),
    )


class CeleryBackend(BaseTaskBackend):
    """Enqueue django tasks as Celery messages. OPTIONS: ``app`` (dotted path, default config.celery.app)."""

    supports_defer = True
    supports_async_task = True  # Task.call runs coroutines to completion in the worker
    supports_priority = True
    supports_get_result = False  # no result store: outcomes live in Herald's own tables

    @cached_property
    def app(self) -> Celery:
        app: Celery = import_string(self.options.get("app", DEFAULT_APP))
        return app

    def enqueue(
        self, task: Task[Any, Any], args: list[Any], kwargs: dict[str, Any]
    ) -> TaskResult[Any, Any]:
        self.validate_task(task)
        # TaskResult normalises the arguments to JSON, so a non-JSON argument fails here, at the
        # caller, rather than later in a worker.
        result: TaskResult[Any, Any] = TaskResult(
            task=task,
            id=str(uuid.uuid4()),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=list(args),
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        self.app.send_task(
            RUN_TASK_NAME,
            args=[task.module_path, result.args, result.kwargs],
            task_id=result.id,
            queue=task.queue_name,
            priority=celery_priority(task.priority),
            eta=task.run_after,
        )
        task_enqueued.send(type(self), task_result=result)
        return result
