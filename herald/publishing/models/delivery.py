"""The outbox: one delivery per variant, claimed exactly once by the sweep, every attempt kept."""

from __future__ import annotations

import uuid

from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Delivery(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to go"
        PUBLISHING = "publishing", "Publishing"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"
        UNCONFIRMED = "unconfirmed", "Unconfirmed"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        DELETED = "deleted", "Deleted on the network"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    variant = models.OneToOneField(
        "publishing.PostVariant", on_delete=models.PROTECT, related_name="delivery"
    )
    account = models.ForeignKey("estate.SocialAccount", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField()
    # Not before this (backoff after a transient error, or a rate limit's reset).
    next_attempt_at = models.DateTimeField()
    # Chosen once, before the first call, and sent on every call for this delivery: Mastodon's
    # Idempotency-Key, Bluesky's record key; the marker reconciliation looks for elsewhere.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)  # the worker (host:pid:token)
    attempts = models.PositiveSmallIntegerField(default=0)
    remote_id = models.CharField(max_length=300, blank=True)
    remote_url = models.URLField(max_length=1000, blank=True)
    first_comment_remote_id = models.CharField(max_length=300, blank=True)
    last_error = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["account", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.variant} ({self.status})"


class DeliveryStatusChange(StatusChange):
    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="status_changes")


class DeliveryAttempt(models.Model):
    """One call to a network, whatever came of it."""

    class Outcome(models.TextChoices):
        PUBLISHED = "published", "Published"
        TRANSIENT = "transient", "Transient error (will retry)"
        RATE_LIMITED = "rate_limited", "Rate limited (will retry)"
        PERMANENT = "permanent", "Permanent error"
        AUTH = "auth", "Credentials expired or revoked"
        UNKNOWN = "unknown", "Outcome unknown"
        RECONCILED_FOUND = "reconciled_found", "Found on the network by reading back"
        RECONCILED_MISSING = "reconciled_missing", "Not found on the network by reading back"

    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="attempts_made")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    retry_after_seconds = models.PositiveIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)  # never credentials

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.outcome}"
