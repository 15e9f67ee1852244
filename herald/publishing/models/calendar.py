"""The content calendar's own data: campaigns, each corporate account's publishing schedule and
recurring posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel


class Campaign(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    # A consultation or engagement exercise (the programme's democratic participation aim).
    is_consultation = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="publishing_campaign_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PublishingSchedule(TimeStampedModel):
    """How often a (corporate) account should post, and when it prefers to."""

    account = models.OneToOneField(
        "estate.SocialAccount", on_delete=models.PROTECT, related_name="publishing_schedule"
    )
    target_per_week = models.PositiveSmallIntegerField()
    # [{"weekday": 0-6 (Monday 0), "time": "HH:MM"}, ...] in the council's time zone.
    preferred_slots = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.account}: {self.target_per_week} a week"


class Recurrence(TimeStampedModel):
    """A post that repeats weekly or monthly until an end date: each occurrence is its own Post
    (copied from the first, approved on its own terms), created ahead by a periodic job."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(default=1)  # every N weeks or months
    ends_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    generated_until = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} until {self.ends_on}"
