"""The housekeeping check's findings, its daily snapshots, its settings, and pending imports."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel
from herald.estate.models.register import SocialAccount


class FindingQuerySet(models.QuerySet["Finding"]):
    def open(self) -> FindingQuerySet:
        return self.filter(resolved_at__isnull=True)


class Finding(TimeStampedModel):
    """One problem the housekeeping check found; it closes when a re-run no longer finds it."""

    class Kind(models.TextChoices):
        DORMANT = "dormant", "Dormant"
        NO_OWNER = "no_owner", "No owner"
        OWNER_LEFT = "owner_left", "Owner or deputy has left"
        ADMIN_LEFT = "admin_left", "Admin has left"
        NO_DEPUTY = "no_deputy", "No deputy"
        NO_DIGITAL_ACCESS = "no_digital_access", "Digital team lacks admin access"
        TWO_FACTOR_OFF = "two_factor_off", "Two-factor authentication off"
        BRANDING_INCOMPLETE = "branding_incomplete", "Branding incomplete"
        REVIEW_OVERDUE = "review_overdue", "Review overdue"
        LIKELY_DUPLICATE = "likely_duplicate", "Likely duplicate"
        UNTRAINED_HOLDER = "untrained_holder", "Owner or deputy not trained"
        RIGHTS_SUSPENDED = "rights_suspended", "Holder's publishing rights suspended"
        CONNECTION_FAILING = "connection_failing", "Connection failing"
        CONNECTION_EXPIRING = "connection_expiring", "Connection token expiring"

    class Severity(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Action(models.TextChoices):
        FIX = "fix", "Fix"
        MERGE = "merge", "Merge"
        CLOSE = "close", "Close"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="estate_findings"
    )
    account = models.ForeignKey(SocialAccount, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # Tells apart two findings of one kind on one account (which leaver, which duplicate).
    subject = models.CharField(max_length=64, blank=True)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    action = models.CharField(max_length=8, choices=Action.choices)
    detail = models.CharField(max_length=500)
    assignee = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="estate_findings",
    )
    due_on = models.DateField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            # A re-run never duplicates an open finding, even two runs at once.
            models.UniqueConstraint(
                fields=["account", "kind", "subject"],
                condition=models.Q(resolved_at__isnull=True),
                name="estate_one_open_finding",
            ),
        ]
        indexes = [models.Index(fields=["council", "resolved_at"], name="estate_finding_open_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class HealthSnapshot(models.Model):
    """Each day's open findings per service, for the dashboard's trend."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="estate_snapshots"
    )
    service = models.ForeignKey("councils.Service", on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField()
    accounts = models.PositiveIntegerField()
    open_findings = models.PositiveIntegerField()

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "service", "taken_on"], name="estate_one_snapshot_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taken_on}: {self.open_findings} findings"


class EstateSettings(models.Model):
    """The council's own thresholds for the housekeeping check (business configuration)."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="estate_settings"
    )
    dormant_after_days = models.PositiveSmallIntegerField(default=90)
    # When the check last ran: every finding still open was found again then. Kept here rather
    # than on each finding so a run does not rewrite thousands of unchanged rows.
    last_checked_at = models.DateTimeField(null=True, blank=True)
    review_every_days = models.PositiveSmallIntegerField(default=365)
    # How far ahead an expiring connection token becomes a finding.
    connection_expiry_days = models.PositiveSmallIntegerField(default=14)

    def __str__(self) -> str:
        return f"Estate settings for {self.council}"

    @property
    def dormant_after(self) -> datetime.timedelta:
        return datetime.timedelta(days=self.dormant_after_days)


class PendingEstateImport(TimeStampedModel):
    """An uploaded estate spreadsheet kept between its preview and its confirmation."""

    LIFETIME = datetime.timedelta(hours=2)

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="pending_estate_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
