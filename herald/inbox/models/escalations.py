"""Escalations, each with its own record and clock, and moderation actions on the networks."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Escalation(TimeStampedModel):
    class Kind(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Safeguarding concern"
        FOI = "foi", "Request for recorded information (FOI)"
        COMPLAINT = "complaint", "Complaint"
        MODERATION = "moderation", "Threats or abuse (moderation)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        CLOSED = "closed", "Closed"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(
        "inbox.Conversation", on_delete=models.PROTECT, related_name="escalations"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField()
    # Who it went to: the designated safeguarding lead, the FOI team, complaints, moderators.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Evidence captured at the time: the messages as they were, with their network ids and URLs.
    evidence = models.JSONField(default=list)
    # FOI: received date and the 20-working-day deadline; others: their own target.
    received_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)  # the FOI or complaint case number
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason[:60]}"


class EscalationStatusChange(StatusChange):
    escalation = models.ForeignKey(
        Escalation, on_delete=models.PROTECT, related_name="status_changes"
    )


class ModerationAction(models.Model):
    """Hiding or deleting a resident's message on the network, with the reason. Herald keeps its
    own copy whatever happens there."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hide on the network"
        DELETE = "delete", "Delete on the network"
        UNHIDE = "unhide", "Unhide on the network"
        RECORD_ONLY = "record_only", "Recorded only (the network's API does not allow it)"

    message = models.ForeignKey(
        "inbox.Message", on_delete=models.PROTECT, related_name="moderation"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    reason = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    succeeded = models.BooleanField()
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["message", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.reason[:60]}"
