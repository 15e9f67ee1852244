"""Conversations: one resident's exchange with one council account, threaded from the messages
the listening sources bring in, triaged, answered and closed with an outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Conversation(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        AWAITING_REPLY = "awaiting_reply", "Awaiting our reply"
        AWAITING_RESIDENT = "awaiting_resident", "Awaiting the resident"
        RESOLVED = "resolved", "Resolved"
        NO_ACTION = "no_action", "No action needed"

    class Priority(models.TextChoices):
        URGENT = "urgent", "Urgent"
        HIGH = "high", "High"
        NORMAL = "normal", "Normal"
        LOW = "low", "Low"

    class Outcome(models.TextChoices):
        """For the value-for-money aim: how the contact was handled."""

        ANSWERED = "answered", "Answered on social media"
        SIGNPOSTED_ONLINE = "signposted_online", "Signposted to an online form or page"
        PHONE = "phone", "Passed to phone"
        FACE_TO_FACE = "face_to_face", "Passed to face to face"
        NO_ACTION = "no_action", "No action"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="conversations"
    )
    account = models.ForeignKey("estate.SocialAccount", on_delete=models.PROTECT, related_name="+")
    network = models.CharField(max_length=32)
    # The resident as the network shows them (handle and display name), and the thread's key.
    resident_handle = models.CharField(max_length=300)
    resident_name = models.CharField(max_length=300, blank=True)
    thread_key = models.CharField(max_length=500)
    kind = models.CharField(max_length=16, default="comment")  # comment, reply, mention, message
    subject = models.CharField(max_length=300, blank=True)  # the first words, for lists
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    priority = models.CharField(max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tags = models.JSONField(default=list, blank=True)
    # Response targets, counted in working hours from the first message.
    first_message_at = models.DateTimeField()
    last_message_at = models.DateTimeField()
    first_response_due_at = models.DateTimeField(null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolution_due_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5 where asked
    # A consultation or engagement exercise this conversation is part of.
    campaign = models.ForeignKey(
        "publishing.Campaign", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_out_of_hours_at = models.DateTimeField(null=True, blank=True)
    # The next deadline still to meet (first response, then resolution); null once closed. One
    # indexed column makes "overdue" a range scan however many conversations there are.
    next_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "account", "thread_key"], name="inbox_conversation_per_thread"
            )
        ]
        indexes = [
            models.Index(fields=["council", "status", "-last_message_at"]),
            models.Index(fields=["council", "assignee", "status"]),
            models.Index(fields=["council", "team", "status"]),
            models.Index(fields=["council", "service", "status"]),
            models.Index(fields=["council", "first_response_due_at"]),
            models.Index(fields=["council", "resident_handle"]),
            # Keyset paging of the list, whole and filtered, newest first.
            models.Index(fields=["council", "-last_message_at", "-id"]),
            models.Index(fields=["council", "assignee", "-last_message_at"]),
            models.Index(fields=["council", "team", "-last_message_at"]),
            models.Index(fields=["council", "service", "-last_message_at"]),
            models.Index(fields=["council", "priority", "-last_message_at"]),
            models.Index(fields=["council", "next_due_at"]),
            models.Index(fields=["council", "campaign"]),
        ]

    def __str__(self) -> str:
        return self.subject or self.thread_key


class ConversationStatusChange(StatusChange):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="status_changes"
    )


class Assignment(models.Model):
    """Append-only history of who a conversation was routed or assigned to: the audit trail of
    triage and the training data for listening's router (the first message's text and the
    label of the service a person chose)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="assignments"
    )
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The router's label for the service (from the council's routes), for training.
    label = models.CharField(max_length=64, blank=True)
    # True when a person chose it; the router's own choice is not evidence for training.
    by_person = models.BooleanField(default=False)
    actor_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at", "id"]

    def __str__(self) -> str:
        return self.label or "unrouted"


class Message(models.Model):
    """One message in a conversation, from the resident (in) or the council (out). Messages are
    never deleted; one deleted on the network is marked so."""

    class Direction(models.TextChoices):
        IN = "in", "From the resident"
        OUT = "out", "From the council"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="messages"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    # The listening mention it came from (incoming), if any.
    mention = models.OneToOneField(
        "listening.Mention", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remote_id = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    author_handle = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    sent_at = models.DateTimeField()
    deleted_on_network_at = models.DateTimeField(null=True, blank=True)
    hidden_on_network_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["conversation", "sent_at", "id"]
        indexes = [models.Index(fields=["remote_id"])]

    def __str__(self) -> str:
        return self.text[:60]


class Note(models.Model):
    """An internal note: never sent to the resident."""

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class SavedView(TimeStampedModel):
    """A person's saved filter of the inbox (the built-in ones — my team, unassigned, overdue —
    are in code)."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    filters = models.JSONField(default=dict)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
