"""People around the training: suspended publishing rights, ambassadors, bespoke sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel


class RightsSuspension(TimeStampedModel):
    """A publishing role taken away because training or acknowledgement lapsed; given back (and
    ``restored_at`` set) once the person is trained again."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="rights_suspensions"
    )
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="rights_suspensions"
    )
    membership = models.ForeignKey(
        "councils.Membership", on_delete=models.PROTECT, related_name="rights_suspensions"
    )
    role = models.CharField(max_length=32)
    reason = models.CharField(max_length=500)
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Ambassador(TimeStampedModel):
    class Status(models.TextChoices):
        NOMINATED = "nominated", "Awaiting line manager approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        STEPPED_DOWN = "stepped_down", "Stepped down"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="ambassadors"
    )
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="ambassador_records"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOMINATED)
    reason = models.CharField(max_length=1000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class TrainingSession(TimeStampedModel):
    """A bespoke session run for a service."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="training_sessions"
    )
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    capacity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class SessionBooking(TimeStampedModel):
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="session_bookings"
    )
    attended = models.BooleanField(null=True)
    feedback_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback_comment = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "staff_member"], name="booked_once"),
        ]
