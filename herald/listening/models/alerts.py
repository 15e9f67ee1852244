"""Alert rules (editable per council) and the alerts they raised."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class AlertRule(TimeStampedModel):
    class Kind(models.TextChoices):
        VOLUME_SPIKE = "volume_spike", "Volume spike against the recent baseline"
        NEGATIVE_SHIFT = "negative_shift", "Sharp negative shift"
        HIGH_RISK = "high_risk", "Any high-risk item (safeguarding, threats)"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    query = models.ForeignKey(
        "listening.Query", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service_label = models.CharField(max_length=64, blank=True)
    # Spike: this many times the baseline; negative shift: percentage points of negative share.
    threshold = models.FloatField(default=3.0)
    window_minutes = models.PositiveIntegerField(default=60)
    baseline_days = models.PositiveSmallIntegerField(default=14)
    minimum_count = models.PositiveIntegerField(default=10)
    email_to = models.JSONField(default=list, blank=True)  # addresses; in-app for the digital team
    respect_quiet_hours = models.BooleanField(default=True)
    escalate_after_minutes = models.PositiveIntegerField(null=True, blank=True)
    escalate_to = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Alert(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ESCALATED = "escalated", "Escalated"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(AlertRule, on_delete=models.PROTECT, related_name="alerts")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    summary = models.TextField()
    # The window that triggered it, so the same spike raises one alert, not one per sweep.
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    observed = models.FloatField(null=True, blank=True)
    baseline = models.FloatField(null=True, blank=True)
    mentions = models.ManyToManyField("listening.Mention", blank=True, related_name="+")
    emailed_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Set when the escalation email went (quiet hours may delay a non-urgent one).
    escalation_emailed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "window_start"], name="listening_alert_once_per_window"
            )
        ]

    def __str__(self) -> str:
        return self.summary[:80]


class AlertStatusChange(StatusChange):
    """Append-only history of an alert: raised, acknowledged, escalated, closed, and by whom."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="status_changes")
