"""Periodic work: jobs registered in code, found due by sweeping the database, claimed once.

Each app registers its jobs in a ``schedules.py`` module, found automatically::

    register(name="accounts.prune_login_failures", task=prune_login_failures, interval=HOURLY)

``herald run_scheduler`` calls :func:`sweep` every few seconds. A due job is claimed with a
conditional UPDATE on its ``next_run_at`` (so two schedulers never both enqueue one run) and then
enqueued through whatever task backend is configured, as :data:`run_periodic_job`, which runs the
job's own task in the worker and records how it went. Nothing is ever scheduled as a far-future
broker message: the database row is the schedule.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.tasks import Task, task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from herald.core.models import PeriodicJob

logger = logging.getLogger(__name__)

HOURLY = timedelta(hours=1)
DAILY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A job that runs ``task`` (which takes no arguments) every ``interval``."""

    name: str
    task: Task[[], Any]
    interval: timedelta


_schedules: dict[str, Schedule] = {}


def register(*, name: str, task: Task[[], Any], interval: timedelta) -> Schedule:
    """Add a periodic job; names are unique across Herald (``app.verb_noun``)."""
    if interval < timedelta(seconds=1):
        raise ImproperlyConfigured(f"Periodic job {name!r} needs an interval of a second or more")
    schedule = Schedule(name=name, task=task, interval=interval)
    if _schedules.setdefault(name, schedule) != schedule:
        raise ImproperlyConfigured(f"Two different periodic jobs are named {name!r}")
    return schedule


def registered_schedules() -> dict[str, Schedule]:
    """Every job registered by the apps' ``schedules.py`` modules (imported once, then cached)."""
    autodiscover_modules("schedules")
    return dict(_schedules)


def sweep(
    *, now: datetime | None = None, schedules: Mapping[str, Schedule] | None = None
) -> list[str]:
    """Enqueue each due job that this sweep claims, and return the names it enqueued."""
    now = now or timezone.now()
    schedules = registered_schedules() if schedules is None else schedules
    _sync_jobs(schedules=schedules, now=now)
    enqueued = []
    for name, seen_next_run_at in due_jobs(names=list(schedules), now=now):
        schedule = schedules[name]
        with transaction.atomic():
            if claim_job(schedule=schedule, seen_next_run_at=seen_next_run_at, now=now):
                transaction.on_commit(
                    partial(_enqueue, schedule=schedule, seen_next_run_at=seen_next_run_at, now=now)
                )
                enqueued.append(name)
    return enqueued


def _sync_jobs(*, schedules: Mapping[str, Schedule], now: datetime) -> None:
    """Give each new job a row (due at once) and follow interval changes made in code."""
    jobs = {job.name: job for job in PeriodicJob.objects.filter(name__in=list(schedules))}
    new = [
        PeriodicJob(name=s.name, interval_seconds=_seconds(s.interval), next_run_at=now)
        for s in schedules.values()
        if s.name not in jobs
    ]
    # Another scheduler may create the same rows at the same moment; either copy will do.
    PeriodicJob.objects.bulk_create(new, ignore_conflicts=True)
    for job in jobs.values():
        interval = schedules[job.name].interval
        if job.interval_seconds != _seconds(interval):
            # A shorter interval should not wait out the longer one it replaces.
            PeriodicJob.objects.filter(pk=job.pk).update(
                interval_seconds=_seconds(interval),
                next_run_at=min(job.next_run_at, now + interval),
            )


def due_jobs(*, names: list[str], now: datetime) -> list[tuple[str, datetime]]:
    """The jobs whose next run has come, each with the ``next_run_at`` this sweep saw."""
    rows = PeriodicJob.objects.filter(name__in=names, next_run_at__lte=now)
    return list(rows.order_by("next_run_at").values_list("name", "next_run_at"))


def claim_job(*, schedule: Schedule, seen_next_run_at: datetime, now: datetime) -> bool:
    """Move the job's next run on, only if no other scheduler already has; True if this one won."""
    claimed = PeriodicJob.objects.filter(name=schedule.name, next_run_at=seen_next_run_at).update(
        next_run_at=now + schedule.interval, last_enqueued_at=now
    )
    return claimed == 1


def _enqueue(*, schedule: Schedule, seen_next_run_at: datetime, now: datetime) -> None:
    runner = run_periodic_job.using(
        queue_name=schedule.task.queue_name, priority=schedule.task.priority
    )
    try:
        runner.enqueue(name=schedule.name)
    except Exception as error:
        # Hand the claim back so the next sweep tries again (unless a newer claim exists).
        logger.exception("Could not enqueue periodic job %s", schedule.name)
        PeriodicJob.objects.filter(name=schedule.name, next_run_at=now + schedule.interval).update(
            next_run_at=seen_next_run_at, last_error=f"Could not enqueue: {error!r}"
        )


@task()
def run_periodic_job(name: str) -> None:
    run_job(name=name)


def run_job(*, name: str) -> None:
    """Run one registered job now, recording when it started and finished and what went wrong."""
    schedule = registered_schedules().get(name)
    if schedule is None:
        raise ImproperlyConfigured(f"No periodic job is registered as {name!r}")
    job = PeriodicJob.objects.filter(name=name)
    job.update(last_started_at=timezone.now())
    try:
        schedule.task.call()
    except Exception as error:
        job.update(last_finished_at=timezone.now(), last_error=repr(error)[:2000])
        raise
    job.update(last_finished_at=timezone.now(), last_error="")


def _seconds(interval: timedelta) -> int:
    return int(interval.total_seconds())
