"""A post: one message to one or more accounts, each with its own variant for that network, and
the record of how it was approved. Statuses move only through ``herald.publishing.workflow``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Post(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        RETURNED = "returned", "Returned with changes"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        NEEDS_RESCHEDULING = "needs_rescheduling", "Needs rescheduling"
        PUBLISHING = "publishing", "Publishing"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"
        UNCONFIRMED = "unconfirmed", "Unconfirmed"

    class Category(models.TextChoices):
        """What a post is for: during national mourning only the last three may still go out,
        each with a named sign-off."""

        GENERAL = "general", "General"
        PUBLIC_SAFETY = "public_safety", "Public safety"
        SERVICE_DISRUPTION = "service_disruption", "Service disruption"
        LEGALLY_REQUIRED = "legally_required", "Legally required"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(
        max_length=200, help_text="For the calendar and the approvers; not published."
    )
    category = models.CharField(max_length=32, choices=Category.choices, default=Category.GENERAL)
    campaign = models.ForeignKey(
        "publishing.Campaign", on_delete=models.PROTECT, null=True, blank=True, related_name="posts"
    )
    recurrence = models.ForeignKey(
        "publishing.Recurrence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
    )
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # When it should go out (the council's time zone is only for display; stored in UTC).
    scheduled_for = models.DateTimeField(null=True, blank=True)
    # Fixed when submitted, from the strictest rule among its accounts (0, 1 or 2).
    approval_steps_required = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The hold that is keeping it back, while it is held.
    held_by = models.ForeignKey(
        "publishing.Hold",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_posts",
    )
    # Bumped on every edit of the content; approvals are for one revision.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [
            models.Index(fields=["council", "status", "scheduled_for"]),
            models.Index(fields=["council", "scheduled_for"]),
        ]

    def __str__(self) -> str:
        return self.title


class PostVariant(TimeStampedModel):
    """What goes to one account: its own text, link, media and first comment."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="variants")
    account = models.ForeignKey(
        "estate.SocialAccount", on_delete=models.PROTECT, related_name="post_variants"
    )
    text = models.TextField(blank=True)
    link = models.URLField(max_length=2000, blank=True)
    first_comment = models.TextField(blank=True)
    # For video networks (YouTube): the video's title.
    video_title = models.CharField(max_length=100, blank=True)
    # Standards findings when last checked: [{"rule_id", "severity", "message", ...}]
    findings = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["post", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "account"], name="publishing_variant_one_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} → {self.account}"


class VariantMedia(models.Model):
    variant = models.ForeignKey(PostVariant, on_delete=models.PROTECT, related_name="media")
    item = models.ForeignKey("publishing.MediaItem", on_delete=models.PROTECT, related_name="uses")
    position = models.PositiveSmallIntegerField()
    alt_text = models.TextField(blank=True)  # this use's description (required for images)

    class Meta:
        ordering = ["variant", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "position"], name="publishing_media_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variant} #{self.position}"


class PostRevision(models.Model):
    """Every saved version of a post's content, so edits are on the record."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    # {"title", "category", "scheduled_for", "variants": [{"account", "text", "link", ...}]}
    content = models.JSONField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="publishing_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.post} revision {self.number}"


class PostStatusChange(StatusChange):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="status_changes")


class Approval(models.Model):
    """One approver's decision on one revision, at one step (1 or 2)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with changes"
        REJECTED = "rejected", "Rejected"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="approvals")
    revision = models.PositiveIntegerField()
    step = models.PositiveSmallIntegerField()
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "created_at", "id"]
        constraints = [
            # Two approvers acting at once cannot both take the same step of the same revision.
            models.UniqueConstraint(
                fields=["post", "revision", "step"], name="publishing_one_decision_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.decision} at step {self.step}"


class SignOff(models.Model):
    """A named person's sign-off that a rule allows only with one: a standards finding that needs
    it, a post going out during national mourning, or on an account in a pre-election period."""

    class Kind(models.TextChoices):
        FINDING = "finding", "Standards finding"
        MOURNING = "mourning", "National mourning"
        PRE_ELECTION = "pre_election", "Pre-election period"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="sign_offs")
    revision = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    subject = models.CharField(max_length=100, blank=True)  # the rule id, or the hold's public id
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.post}: {self.kind} sign-off"


class AccountPublishingRule(TimeStampedModel):
    """Per account: how many approval steps, who may publish without approval, who may approve
    and who may sign off findings. An account with no rule needs one approval step."""

    account = models.OneToOneField(
        "estate.SocialAccount", on_delete=models.PROTECT, related_name="publishing_rule"
    )
    approval_steps = models.PositiveSmallIntegerField(default=1)  # 0, 1 or 2
    publish_without_approval = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    # Empty: anyone with the approver or digital team role in the council.
    approvers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    finding_signers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approval_steps__lte=2), name="publishing_rule_steps_0_to_2"
            )
        ]
