"""Restricted records of a conduct or performance matter about someone's social media use.

Report ¶14: line managers address conduct and performance issues, seeking HR advice. Only the
person's line manager, their next manager and HR may see a record; every view is audited.
After a council-set period from closure the personal content is erased and the row stays as a
tombstone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel

DEFAULT_RETENTION_MONTHS = 24


class LearningSettings(models.Model):
    """One council's settings for learning; made with the defaults the first time it is needed."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="learning_settings"
    )
    conduct_retention_months = models.PositiveSmallIntegerField(default=DEFAULT_RETENTION_MONTHS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "learning settings"

    def __str__(self) -> str:
        return f"Learning settings for council {self.council_id}"


class ConductRecord(TimeStampedModel):
    class Kind(models.TextChoices):
        CONDUCT = "conduct", "Conduct"
        PERFORMANCE = "performance", "Performance"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ERASED = "erased", "Erased under the retention rule"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="conduct_records"
    )
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="conduct_records"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    summary = models.TextField()
    occurred_on = models.DateField()
    # The line manager who opened it; who may see it is worked out afresh on every view.
    raised_by = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["council", "status", "closed_at"])]

    def __str__(self) -> str:
        # No names or content: this text is copied into audit events, which outlive erasure.
        return f"{self.get_kind_display()} matter {str(self.public_id)[:8]}"


class ConductRecordStatusChange(StatusChange):
    """Append-only history of a record's status (its notes carry no personal content)."""

    record = models.ForeignKey(
        ConductRecord, on_delete=models.PROTECT, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        pass


class ConductNote(models.Model):
    """HR's advice, appended; never edited, only blanked when the record is erased."""

    record = models.ForeignKey(ConductRecord, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Advice note by {self.author_label}"
