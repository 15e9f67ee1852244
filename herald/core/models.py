"""Base models every context builds on."""

import uuid

from django.db import models


class TimeStampedModel(models.Model):
    """A row with a public UUID (never expose sequential ids) and creation/update times."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PeriodicJob(models.Model):
    """When a job registered in code (see ``herald.core.scheduling``) next falls due, and how it went.

    The schedule itself lives in code; this row is the shared state that lets any number of
    schedulers agree on who enqueues each run (a conditional UPDATE on ``next_run_at``).
    """

    name = models.CharField(max_length=100, unique=True)
    interval_seconds = models.PositiveIntegerField()
    next_run_at = models.DateTimeField(db_index=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
