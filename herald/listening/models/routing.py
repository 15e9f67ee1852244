"""Service routing: keyword rules per council and trained, versioned models."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class RoutingKeyword(TimeStampedModel):
    """A keyword rule: any of these words or phrases means this service (applied before, and
    overriding, the trained model when it matches)."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="routing_keywords"
    )
    service_label = models.CharField(max_length=64)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    keywords = models.JSONField(default=list)

    class Meta:
        ordering = ["service_label", "id"]

    def __str__(self) -> str:
        return self.service_label


class RouterModel(TimeStampedModel):
    """A trained router: weights stored as data (JSON, never pickle), versioned; the active one
    per council (or the deployment default, council null) is what enrichment uses."""

    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="router_models",
    )
    version = models.PositiveIntegerField()
    labels = models.JSONField(default=list)
    # {"accuracy": .., "macro_f1": .., "per_label": {...}, "train_size": .., "test_size": ..}
    metrics = models.JSONField(default=dict)
    weights = models.JSONField()  # the model itself: vocabulary, idf, coefficients, intercepts
    trained_on = models.CharField(max_length=300, blank=True)  # the file or export it came from
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["-version", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "version"],
                condition=models.Q(council__isnull=False),
                name="listening_router_version",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(council__isnull=True),
                name="listening_default_router_version",
            ),
        ]

    def __str__(self) -> str:
        return f"router-v{self.version}"


class RouterTraining(TimeStampedModel):
    """A labelled CSV uploaded on the routing pages, waiting for (or done with) its training run,
    which a task does so a large file does not hold up the request."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to train"
        RUNNING = "running", "Training"
        DONE = "done", "Trained"
        FAILED = "failed", "Failed"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="router_trainings"
    )
    filename = models.CharField(max_length=300)
    content = models.TextField()  # the CSV as uploaded (kept: it is what the model learnt from)
    text_column = models.CharField(max_length=200)
    label_column = models.CharField(max_length=200)
    test_size = models.FloatField(default=0.2)
    seed = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    router_model = models.ForeignKey(
        RouterModel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class RouterTrainingStatusChange(StatusChange):
    training = models.ForeignKey(
        RouterTraining, on_delete=models.PROTECT, related_name="status_changes"
    )
