"""Holds: the council's kill switch, above every post's own status."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Hold(TimeStampedModel):
    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency stop"
        MOURNING = "mourning", "National mourning"
        PRE_ELECTION = "pre_election", "Pre-election period"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LIFTED = "lifted", "Lifted"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="holds")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    reason = models.TextField()
    # Empty: every account of the council.
    accounts = models.ManyToManyField("estate.SocialAccount", blank=True, related_name="+")
    # National mourning: the post categories that may still go out with a named sign-off.
    allowed_categories = models.JSONField(default=list, blank=True)
    # Pre-election: the standards context's period (dates and electoral areas) and the officer
    # whose sign-off posts on the affected accounts need.
    election_period = models.ForeignKey(
        "standards.PreElectionPeriod",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    named_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)  # pre-election: the close of poll
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason[:60]}"


class HoldStatusChange(StatusChange):
    hold = models.ForeignKey(Hold, on_delete=models.PROTECT, related_name="status_changes")
