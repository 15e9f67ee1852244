"""The council's web access policy, its versions, and what the proxy logs say about its use.

Herald decides, reviews and audits the policy; a real Squid enforces it (see ``squid.py`` and
``acl_helper.py``). Categories and their domain lists, groups with their exceptions, and an
immutable version for every change. Usage is kept as raw request rows for a limited time
(``NetworkSettings.retention_days``) and reported by service; one person's activity is shown only
under an HR grant (``PersonViewGrant``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel


class Action(models.TextChoices):
    ALLOW = "allow", "Allow"
    ALLOW_LOG = "allow_log", "Allow and log"
    WARN = "warn", "Warn"
    BLOCK = "block", "Block"


class Category(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_categories"
    )
    slug = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    action = models.CharField(max_length=16, choices=Action.choices, default=Action.ALLOW)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="network_category_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CategoryDomain(models.Model):
    """One domain (and its subdomains) in a category. Removal keeps the row, marked removed."""

    class Source(models.TextChoices):
        LIST = "list", "Imported list"
        COUNCIL = "council", "Council's own addition"

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="domains")
    domain = models.CharField(max_length=253)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.COUNCIL)
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["domain"]
        indexes = [models.Index(fields=["category", "domain"], name="network_domain_idx")]

    def __str__(self) -> str:
        return self.domain


class StaffGroup(TimeStampedModel):
    """Staff grouped by service, by Herald role and/or by name, so exceptions can be given to them."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_groups"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    services = models.ManyToManyField("councils.Service", blank=True, related_name="+")
    members = models.ManyToManyField("people.StaffMember", blank=True, related_name="+")
    # Herald roles (``herald.councils.roles.Role`` values): everyone holding any of them.
    roles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PolicyException(TimeStampedModel):
    """A group's different action for one category: with a business reason, approver and expiry."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_exceptions"
    )
    group = models.ForeignKey(StaffGroup, on_delete=models.PROTECT, related_name="exceptions")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="exceptions")
    action = models.CharField(max_length=16, choices=Action.choices, default=Action.ALLOW_LOG)
    business_reason = models.TextField()
    approver = models.ForeignKey("people.StaffMember", on_delete=models.PROTECT, related_name="+")
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["expires_on"]

    def __str__(self) -> str:
        return f"{self.group}: {self.category} ({self.get_action_display()})"


class ProxyIdentity(models.Model):
    """How a person appears to the proxy: a proxy login name or a fixed client address."""

    class Kind(models.TextChoices):
        USERNAME = "username", "Proxy user name"
        ADDRESS = "address", "Client IP address"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_identities"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.USERNAME)
    value = models.CharField(max_length=200)
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "value"], name="network_identity_unique"
            )
        ]

    def __str__(self) -> str:
        return self.value


class PolicyVersion(TimeStampedModel):
    """An immutable snapshot of the whole policy after one change."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_versions"
    )
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    note = models.TextField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="network_version_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class NetworkSettings(models.Model):
    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="network_settings"
    )
    retention_days = models.PositiveIntegerField(default=90)
    blocked_alert_threshold = models.PositiveIntegerField(default=20)
    spike_factor = models.PositiveIntegerField(default=5)

    def __str__(self) -> str:
        return f"Network settings for {self.council}"


class LogSource(models.Model):
    """Where ingesting a log file got to, so the next run resumes (and notices rotation)."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_log_sources"
    )
    path = models.CharField(max_length=1000)
    inode = models.BigIntegerField(default=0)
    head = models.CharField(max_length=64, blank=True)  # hash of the first line: rotation check
    offset = models.BigIntegerField(default=0)
    lines = models.BigIntegerField(default=0)
    bad_lines = models.BigIntegerField(default=0)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["council", "head"], name="network_source_head_idx")]

    def __str__(self) -> str:
        return self.path


class ProxyRequest(models.Model):
    """One request the proxy logged, kept for ``retention_days`` then purged."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_requests"
    )
    at = models.DateTimeField()
    client = models.CharField(max_length=64)
    username = models.CharField(max_length=200, blank=True)
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        "councils.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    domain = models.CharField(max_length=253)
    category = models.CharField(max_length=40, blank=True)
    blocked = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(default=0)
    bytes = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["at"]
        indexes = [
            models.Index(fields=["council", "at"], name="network_request_at_idx"),
            models.Index(fields=["council", "staff_member", "at"], name="network_request_who_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.domain}"


class PersonViewGrant(TimeStampedModel):
    """HR's time-limited permission to see one person's activity, for one HR case."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_person_grants"
    )
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="+"
    )
    granted_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    case_reference = models.CharField(max_length=60)
    reason = models.TextField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_reference}: {self.staff_member}"


class NetworkAlert(TimeStampedModel):
    """Something ICT should look at. Never sent to line managers."""

    class Kind(models.TextChoices):
        BLOCKED_REPEATS = "blocked_repeats", "Repeated blocked attempts"
        BANDWIDTH_SPIKE = "bandwidth_spike", "Bandwidth spike"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="network_alerts"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    day = models.DateField()
    client = models.CharField(max_length=200)
    detail = models.TextField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "day", "client"], name="network_alert_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.client}"
