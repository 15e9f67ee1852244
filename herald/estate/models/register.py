"""The register itself: accounts, their admin access and their status history."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from herald.core.models import StatusChange, TimeStampedModel
from herald.estate.networks import Network, display_handle

BRANDING_CHOICES = [
    ("brand_name_and_logo", "Council name and logo"),
    ("brand_profile_text", "Profile text says who runs it and when it is monitored"),
    ("brand_website_link", "Link to the council website"),
    ("brand_house_rules", "Link to the house rules"),
]


class SocialAccountQuerySet(models.QuerySet["SocialAccount"]):
    def open(self) -> SocialAccountQuerySet:
        """Accounts that still exist on their network (not closed)."""
        return self.exclude(status=SocialAccount.Status.CLOSED)

    def held_by(self, staff_id: int) -> SocialAccountQuerySet:
        return self.filter(models.Q(owner_id=staff_id) | models.Q(deputy_id=staff_id))


class SocialAccount(TimeStampedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACTIVE = "active", "Active"
        UNDER_REVIEW = "under_review", "Under review"
        DORMANT = "dormant", "Dormant"
        CLOSING = "closing", "Closing"
        CLOSED = "closed", "Closed"

    class Kind(models.TextChoices):
        CORPORATE = "corporate", "Corporate"
        SERVICE = "service", "Service"

    class TwoFactor(models.TextChoices):
        ON = "on", "On"
        OFF = "off", "Off"
        UNKNOWN = "unknown", "Not known"

    class MetricsSource(models.TextChoices):
        ENTERED = "entered", "Entered by hand"
        CONNECTION = "connection", "From the connection"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="social_accounts"
    )
    network = models.CharField(max_length=32, choices=Network.choices)
    handle = models.CharField(max_length=150)
    url = models.URLField(max_length=500, blank=True)
    name = models.CharField(max_length=200, help_text="The account's name as people see it.")
    purpose = models.TextField(blank=True)
    audience = models.TextField(blank=True)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, related_name="social_accounts"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SERVICE)
    owner = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_social_accounts",
    )
    deputy = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputised_social_accounts",
    )
    two_factor = models.CharField(
        max_length=8, choices=TwoFactor.choices, default=TwoFactor.UNKNOWN
    )
    brand_name_and_logo = models.BooleanField(default=False)
    brand_profile_text = models.BooleanField(default=False)
    brand_website_link = models.BooleanField(default=False)
    brand_house_rules = models.BooleanField(default=False)
    last_post_on = models.DateField(null=True, blank=True)
    followers = models.PositiveIntegerField(null=True, blank=True)
    metrics_source = models.CharField(
        max_length=16, choices=MetricsSource.choices, default=MetricsSource.ENTERED
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    last_recertified_on = models.DateField(null=True, blank=True)
    # The closure checklist (report ¶20): filled in while the account is closing.
    closure_reason = models.TextField(blank=True)
    closure_final_post = models.BooleanField(default=False)
    closure_content_archived = models.BooleanField(default=False)
    closure_access_removed = models.BooleanField(default=False)
    closure_deactivated = models.BooleanField(default=False)
    closed_on = models.DateField(null=True, blank=True)

    objects = SocialAccountQuerySet.as_manager()

    BRANDING_FIELDS = (
        "brand_name_and_logo",
        "brand_profile_text",
        "brand_website_link",
        "brand_house_rules",
    )
    CLOSURE_FIELDS = (
        "closure_final_post",
        "closure_content_archived",
        "closure_access_removed",
        "closure_deactivated",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            # Duplicates are refused whatever the case: @AldermoorCC and @aldermoorcc are one account.
            models.UniqueConstraint(
                "council", "network", Lower("handle"), name="estate_account_unique_handle"
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status"], name="estate_account_status_idx"),
            models.Index(fields=["council", "service"], name="estate_account_service_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_network_display()} {self.shown_handle})"

    @property
    def shown_handle(self) -> str:
        return display_handle(self.network, self.handle)

    @property
    def branding_complete(self) -> bool:
        return all(getattr(self, name) for name in self.BRANDING_FIELDS)


class AdminAccess(TimeStampedModel):
    """Who holds admin rights on an account and at what level; removal keeps the row."""

    class Level(models.TextChoices):
        OWNER = "owner", "Owner (full control)"
        ADMIN = "admin", "Admin"
        EDITOR = "editor", "Editor"
        ANALYST = "analyst", "Analyst (read only)"

    account = models.ForeignKey(SocialAccount, on_delete=models.PROTECT, related_name="access")
    staff_member = models.ForeignKey(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="social_account_access",
    )
    # The digital team usually holds access as a team (a shared business login or a team seat).
    is_digital_team = models.BooleanField(default=False)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.ADMIN)
    removed_at = models.DateTimeField(null=True, blank=True)

    FULL_LEVELS = (Level.OWNER, Level.ADMIN)

    class Meta:
        ordering = ["-is_digital_team", "created_at"]

    def __str__(self) -> str:
        return f"{self.holder_name}: {self.get_level_display()}"

    @property
    def holder_name(self) -> str:
        if self.is_digital_team:
            return "Digital team"
        return self.staff_member.full_name if self.staff_member else "Unknown"


class AccountStatusChange(StatusChange):
    """Append-only: every status an account has had, who moved it and why."""

    account = models.ForeignKey(
        SocialAccount, on_delete=models.PROTECT, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        pass
