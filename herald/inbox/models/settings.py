"""Each council's response targets, office hours and record-keeping for the inbox."""

from __future__ import annotations

from django.db import models

from herald.core.models import TimeStampedModel


class InboxSettings(TimeStampedModel):
    class BankHolidays(models.TextChoices):
        ENGLAND_AND_WALES = "england-and-wales", "England and Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"

    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="inbox_settings"
    )
    bank_holidays = models.CharField(
        max_length=32, choices=BankHolidays.choices, default=BankHolidays.ENGLAND_AND_WALES
    )
    # Office hours per weekday (Monday 0): {"0": ["08:30", "17:00"], ..., "5": null}
    office_hours = models.JSONField(default=dict)
    out_of_hours_message = models.TextField(blank=True)
    retention_months = models.PositiveSmallIntegerField(default=24)
    safeguarding_lead = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    foi_team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    complaints_team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The last listening mention id collected into the inbox (the feed's cursor).
    collected_up_to = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Inbox settings for {self.council}"


class ResponseTarget(TimeStampedModel):
    """First-response and resolution targets in working hours, per council (service null) or per
    service."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    first_response_hours = models.PositiveSmallIntegerField(default=4)
    resolution_hours = models.PositiveSmallIntegerField(default=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "service"],
                condition=models.Q(service__isnull=False),
                name="inbox_target_per_service",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(service__isnull=True),
                name="inbox_target_council_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_response_hours}h / {self.resolution_hours}h"


class ServiceRoute(TimeStampedModel):
    """Where a conversation goes when listening's router gives its message this service label."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    service_label = models.CharField(max_length=64)
    service = models.ForeignKey("councils.Service", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["service_label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "service_label"], name="inbox_route_per_label"
            )
        ]

    def __str__(self) -> str:
        return self.service_label
