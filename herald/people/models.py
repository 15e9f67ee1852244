"""Staff records, as imported from the council's HR system. Leavers are marked, never deleted."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from herald.core.models import TimeStampedModel


class StaffMemberQuerySet(models.QuerySet["StaffMember"]):
    def current(self, *, on: datetime.date | None = None) -> StaffMemberQuerySet:
        day = on or datetime.date.today()
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=day))

    def leavers(self, *, on: datetime.date | None = None) -> StaffMemberQuerySet:
        day = on or datetime.date.today()
        return self.filter(left_on__lte=day)

    def managed_by(self, manager: StaffMember) -> StaffMemberQuerySet:
        return self.filter(line_manager=manager)


class StaffMember(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="staff_members"
    )
    employee_number = models.CharField(max_length=32)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    job_title = models.CharField(max_length=200, blank=True)
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    team = models.ForeignKey(
        "councils.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    line_manager = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="direct_reports"
    )
    started_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "employee_number"], name="employee_number_unique_per_council"
            ),
        ]
        indexes = [
            models.Index(Lower("email"), "council", name="staff_email_idx"),
            models.Index(fields=["council", "last_name", "first_name"], name="staff_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class PendingStaffImport(TimeStampedModel):
    """An uploaded HR file kept between its preview and its confirmation, for one person only.

    Kept in the database rather than the session because a large council's file is megabytes;
    deleted once applied, and ignored (then cleared) once stale.
    """

    LIFETIME = datetime.timedelta(hours=2)

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="pending_staff_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_staff_imports"
    )
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    mark_missing_as_leavers = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.council})"
