"""The tenancy: a council, its services and teams, and who works in it with which roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel
from herald.councils.roles import Role


class Council(TimeStampedModel):
    """The tenant. Nothing ever crosses between councils."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    website_url = models.URLField(blank=True)
    brand_colour = models.CharField(
        max_length=7, default="#1d70b8", help_text="Header colour, as #rrggbb (contrast-checked)."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Service(TimeStampedModel):
    """A department such as Adult Social Care, Waste and Recycling or Libraries."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"], name="service_slug_unique_per_council"
            ),
            models.UniqueConstraint(
                fields=["council", "name"], name="service_name_unique_per_council"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="teams")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "name"], name="team_name_unique_per_service"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.name}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)

    def with_role(self, role: Role) -> MembershipQuerySet:
        return self.filter(role_assignments__role=role).distinct()


class Membership(TimeStampedModel):
    """A user working in a council, optionally as a staff member on its HR record."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    staff_member = models.OneToOneField(
        "people.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership",
    )
    is_active = models.BooleanField(default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_membership_per_council"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.council}"


class RoleAssignment(TimeStampedModel):
    """A granted role. Derived roles (line manager, all staff) are never stored."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="role_assignments")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_granted_once"),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_role_display()}"
