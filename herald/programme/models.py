"""The implementation programme (report ¶18), the figures behind the strategic aims' KPIs (¶17,
¶25) and the six-month report to Policy Committee (Recommendation 2).

Herald measures what it can from the other contexts' own data; what it cannot see (unit costs,
spend, follower counts, registration drives, live-stream views) is recorded here by the digital
team, every change audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import StatusChange, TimeStampedModel
from herald.core.secrets import EncryptedJSONField


class Phase(TimeStampedModel):
    """A phase of the implementation timetable, with its deliverables and deadline."""

    class Measure(models.TextChoices):
        """Where a phase's progress comes from: Herald's own data, or its tasks."""

        TASKS = "tasks", "Share of its tasks done"
        ACCOUNTS_HEALTHY = "accounts_healthy", "Accounts with no open housekeeping findings"
        SCHEDULES_MET = "schedules_met", "Corporate accounts meeting their publishing schedule"
        POLICY_ACKNOWLEDGED = "policy_acknowledged", "Staff who acknowledged the current policy"
        ELEARNING_COMPLETED = "elearning_completed", "Staff who completed the e-learning"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_phases"
    )
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    deliverables = models.TextField()
    starts_on = models.DateField()
    due_on = models.DateField()
    measure = models.CharField(max_length=32, choices=Measure.choices, default=Measure.TASKS)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="programme_phase_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Task(TimeStampedModel):
    """One piece of work in a phase: an owner, a due date, progress; a milestone is a task that
    marks a point the committee is told about."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_tasks"
    )
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField()
    due_on = models.DateField()
    progress = models.PositiveSmallIntegerField(default=0)  # percent, 0-100
    is_milestone = models.BooleanField(default=False)
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class UnitCost(TimeStampedModel):
    """What one contact costs the council on a channel, in pence (the council's own figures)."""

    class Channel(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        WEB = "web", "Web"
        SOCIAL = "social", "Social media"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_unit_costs"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    pence = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint(fields=["council", "channel"], name="programme_unit_cost")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: £{self.pence / 100:.2f}"


class KpiTarget(TimeStampedModel):
    """The council's own target for one KPI, replacing Herald's default."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_kpi_targets"
    )
    key = models.CharField(max_length=40)
    value = models.FloatField()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["council", "key"], name="programme_kpi_target")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.value:g}"


class BudgetLine(TimeStampedModel):
    """A budget the social media work stream spends from (¶25: within existing budgets)."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_budgets"
    )
    name = models.CharField(max_length=200)
    financial_year = models.PositiveSmallIntegerField()  # the year it starts: 2026 is 2026-27
    amount_pence = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "financial_year", "name"], name="programme_budget_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.financial_year}-{(self.financial_year + 1) % 100:02d}"


class SpendEntry(TimeStampedModel):
    """Money spent against a budget line. Corrections are new entries (negative), never edits."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_spend"
    )
    budget = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="spend")
    spent_on = models.DateField()
    amount_pence = models.BigIntegerField()
    description = models.CharField(max_length=300)
    supplier = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["council", "spent_on"])]

    def __str__(self) -> str:
        return f"{self.spent_on}: {self.description}"


class ShortLink(TimeStampedModel):
    """A tracked link to a service page: ``/l/<code>`` counts clicks a day, nothing personal."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_links"
    )
    code = models.CharField(max_length=16, unique=True)
    target_url = models.URLField(max_length=1000)
    label = models.CharField(max_length=200)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["label", "id"]

    def __str__(self) -> str:
        return f"/l/{self.code} → {self.label}"


class LinkClickDay(models.Model):
    """How many times a short link was followed on one day: a count, no addresses or agents."""

    link = models.ForeignKey(ShortLink, on_delete=models.PROTECT, related_name="click_days")
    day = models.DateField()
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["link", "day"], name="programme_link_click_day")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.clicks}"


class RecordedFigure(TimeStampedModel):
    """A monthly figure Herald cannot measure itself, entered by hand or from a CSV."""

    class Kind(models.TextChoices):
        FOLLOWERS = "followers", "Followers at the end of the month"
        REGISTRATIONS = "registrations", "Voter registrations from a drive"
        LIVESTREAM_VIEWS = "livestream_views", "Meeting live-stream views"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_figures"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    month = models.DateField()  # the first of the month
    account = models.ForeignKey(
        "estate.SocialAccount", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.PositiveBigIntegerField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["month", "kind", "id"]
        constraints = [
            # One figure a month per account, and one for the council as a whole (two partial
            # constraints, because SQLite cannot make NULLs equal in one).
            models.UniqueConstraint(
                fields=["council", "kind", "month", "account"],
                condition=models.Q(account__isnull=False),
                name="programme_figure_per_account",
            ),
            models.UniqueConstraint(
                fields=["council", "kind", "month"],
                condition=models.Q(account__isnull=True),
                name="programme_figure_council_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%B %Y}: {self.value}"


class Report(TimeStampedModel):
    """A report to Policy Committee for a period: a draft the author completes, then frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Finalised"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_reports"
    )
    title = models.CharField(max_length=300)
    period_from = models.DateField()
    period_to = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The author's sections (purpose, summary, risks, recommendations, contact).
    sections = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Filled in once, when finalised: what the committee read.
    final_html = models.TextField(blank=True)
    final_pdf = models.BinaryField(blank=True, default=b"")
    content_hash = models.CharField(max_length=64, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_to", "-id"]

    def __str__(self) -> str:
        return self.title


class ReportStatusChange(StatusChange):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="status_changes")


class DigestRun(models.Model):
    """A scheduled report sent (or drafted) for one period, so a job re-run never repeats it."""

    class Kind(models.TextChoices):
        MONTHLY_DIGEST = "monthly_digest", "Monthly digest"
        QUARTERLY_REPORT = "quarterly_report", "Quarterly report draft"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    period_from = models.DateField()
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "period_from"], name="programme_digest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period_from}"


class FeedToken(TimeStampedModel):
    """A read-only token for the CSV feed (Power BI). Kept encrypted; found by its digest."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="programme_feed_tokens"
    )
    label = models.CharField(max_length=200)
    digest = models.CharField(max_length=64, unique=True)
    token = EncryptedJSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label
