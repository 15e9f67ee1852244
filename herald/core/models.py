"""Base models every context builds on."""

import uuid

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """A row with a public UUID (never expose sequential ids) and creation/update times."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StatusChange(models.Model):
    """Append-only history of one object's status: from what, to what, who moved it and why.

    Each context's concrete history model adds the link to its object (``related_name=
    "status_changes"``); rows are written only by ``herald.core.transitions.move_status``.
    """

    from_status = models.CharField(max_length=32, blank=True)  # blank: the object was created
    to_status = models.CharField(max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


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
