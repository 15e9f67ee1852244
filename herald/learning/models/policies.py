"""Policy documents, their versions (draft, approved by committee, superseded) and who has read them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class PolicyDocument(TimeStampedModel):
    """A document the council keeps: the Social Media Policy, Strategy, Guidelines and others."""

    class Kind(models.TextChoices):
        SOCIAL_MEDIA_POLICY = "social_media_policy", "Social Media Policy"
        STRATEGY = "strategy", "Social Media Strategy"
        GUIDELINES = "guidelines", "Social Media Guidelines"
        CODE_OF_CONDUCT = "code_of_conduct", "Code of Conduct"
        ICT_ACCEPTABLE_USE = "ict_acceptable_use", "ICT acceptable use policy"
        OTHER = "other", "Other"

    class Scope(models.TextChoices):
        EVERYONE = "everyone", "Everyone who works for the council"
        ACCOUNT_ROLES = "account_roles", "People with a role on council accounts"
        NOBODY = "nobody", "Nobody needs to acknowledge it"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="policy_documents"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    acknowledgement_scope = models.CharField(
        max_length=16, choices=Scope.choices, default=Scope.EVERYONE
    )
    next_review_on = models.DateField(null=True, blank=True)
    # When the digital team and HR were last told the review is coming (once per review date).
    review_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title"], name="policy_title_unique_per_council"
            ),
            # One Social Media Policy (and one Strategy, one Guidelines) per council: the gates
            # and the estate ask about "the" policy.
            models.UniqueConstraint(
                fields=["council", "kind"],
                condition=~models.Q(kind="other"),
                name="one_policy_of_each_kind_per_council",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PolicyVersionQuerySet(models.QuerySet["PolicyVersion"]):
    def in_force(self, *, on: datetime.date | None = None) -> PolicyVersionQuerySet:
        """Versions approved on or before ``on`` and not superseded by then."""
        day = on or datetime.date.today()
        return self.filter(approved_on__lte=day).filter(
            models.Q(superseded_on__isnull=True) | models.Q(superseded_on__gt=day)
        )


class PolicyVersion(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="policy_versions"
    )
    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(help_text="Markdown")
    change_summary = models.CharField(max_length=500, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_by_committee = models.CharField(max_length=200, blank=True)
    superseded_on = models.DateField(null=True, blank=True)
    content_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="policy_version_number"),
        ]
        indexes = [models.Index(fields=["council", "status"], name="policy_version_status_idx")]

    def __str__(self) -> str:
        return f"{self.document.title}, version {self.number}"


class PolicyVersionStatusChange(StatusChange):
    """Append-only history of a version's status."""

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        pass


class AcknowledgementRequest(TimeStampedModel):
    """A person asked to read and acknowledge a version, and when they were last reminded."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="acknowledgement_requests"
    )
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="requests")
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="acknowledgement_requests"
    )
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "staff_member"], name="one_request_per_version"
            ),
        ]


class Acknowledgement(TimeStampedModel):
    """Evidence that a person read a version: when, as whom, from where, and of exactly what text."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="acknowledgements"
    )
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "staff_member"], name="one_acknowledgement_per_version"
            ),
        ]
        indexes = [
            models.Index(fields=["staff_member", "version"], name="ack_staff_version_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} acknowledged {self.version}"
