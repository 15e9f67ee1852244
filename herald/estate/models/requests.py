"""Requests for new accounts and their review history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel
from herald.estate.models.register import SocialAccount
from herald.estate.networks import Network


class AccountRequest(TimeStampedModel):
    """A service's request for a new account (¶20), reviewed by the digital team."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes asked for"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="social_account_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="social_account_requests"
    )
    network = models.CharField(max_length=32, choices=Network.choices)
    handle = models.CharField(max_length=150)
    url = models.URLField(max_length=500, blank=True)
    name = models.CharField(max_length=200)
    service = models.ForeignKey("councils.Service", on_delete=models.PROTECT, related_name="+")
    business_case = models.TextField()
    audience = models.TextField()
    why_not_corporate = models.TextField()
    content_plan = models.TextField()
    hours_per_week = models.PositiveSmallIntegerField()
    owner = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    account = models.OneToOneField(
        SocialAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="request"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request for {self.name} ({self.get_network_display()})"


class RequestStatusChange(StatusChange):
    """Append-only: every step of a request's review."""

    request = models.ForeignKey(
        AccountRequest, on_delete=models.PROTECT, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        pass
