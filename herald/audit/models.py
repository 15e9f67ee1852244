"""The append-only record of every governed change (report ¶8, ¶11)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel


class AuditEventIsAppendOnly(Exception):
    """An audit event was about to be changed or deleted; that is never allowed."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # Bulk paths bypass Model.save()/delete(), so they are closed here too.
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditEventIsAppendOnly("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditEventIsAppendOnly("Audit events cannot be deleted.")


class AuditEvent(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, help_text="Who acted, kept even if renamed.")
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    summary = models.CharField(max_length=500)
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["council", "-created_at"], name="audit_council_time_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditEventIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventIsAppendOnly("Audit events cannot be deleted.")
