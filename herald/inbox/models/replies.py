"""Replies written in Herald: checked by the standards engine, approved where the account needs
it, and sent through the channel adapter with the outbox's exactly-once guarantees."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Reply(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        # Approved and waiting in the outbox (also where a transient error sends it back to).
        APPROVED = "approved", "Approved, waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        UNCONFIRMED = "unconfirmed", "Unconfirmed"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    conversation = models.ForeignKey(
        "inbox.Conversation", on_delete=models.PROTECT, related_name="replies_written"
    )
    in_reply_to = models.ForeignKey(
        "inbox.Message", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # None only for the automatic out-of-hours acknowledgement (Herald wrote it).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    is_automatic = models.BooleanField(default=False)  # the out-of-hours acknowledgement
    findings = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The outbox.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    remote_id = models.CharField(max_length=500, blank=True)
    remote_url = models.URLField(max_length=1000, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the other officer's draft looked like when this one was started: the second of two
    # people replying at once is warned before sending.
    started_after_message_id = models.BigIntegerField(null=True, blank=True)
    # The "someone is replying" marker: when the author last typed in this draft.
    editing_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Set when the author sent it knowing another reply had gone or was going to the resident.
    collision_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["conversation", "created_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["conversation", "status"]),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ReplyStatusChange(StatusChange):
    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="status_changes")


class ReplyAttempt(models.Model):
    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="attempts_made")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=32)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["reply", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.outcome}"


class SavedResponse(TimeStampedModel):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    text = models.TextField()
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class AccountReplySettings(TimeStampedModel):
    """Per account: whether replies need an approver, and the out-of-hours acknowledgement (its
    text checked by the standards engine when saved)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    account = models.OneToOneField(
        "estate.SocialAccount", on_delete=models.PROTECT, related_name="reply_settings"
    )
    replies_need_approval = models.BooleanField(default=False)
    out_of_hours_enabled = models.BooleanField(default=False)
    out_of_hours_text = models.TextField(blank=True)
    out_of_hours_findings = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name_plural = "account reply settings"

    def __str__(self) -> str:
        return f"Reply settings for account {self.account_id}"
