"""Factories shared by every context's tests (factory_boy)."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from herald.accounts.models import User
from herald.councils.models import Council, Membership, RoleAssignment, Service, Team
from herald.people.models import StaffMember

TEST_PASSWORD = "correct horse battery staple"  # noqa: S105 - test fixture only


class CouncilFactory(factory.django.DjangoModelFactory[Council]):
    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test County Council {n}")
    slug = factory.Sequence(lambda n: f"test-county-{n}")


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    council = factory.SelfAttribute("service.council")
    name = factory.Sequence(lambda n: f"Team {n}")


class StaffMemberFactory(factory.django.DjangoModelFactory[StaffMember]):
    class Meta:
        model = StaffMember

    council = factory.SubFactory(CouncilFactory)
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda o: f"{o.employee_number.lower()}@example.gov.uk")
    job_title = "Officer"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.uk")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.LazyFunction(lambda: make_password(TEST_PASSWORD))


def make_member(
    *, council: Council, username: str, roles: tuple[str, ...] = (), **staff: Any
) -> Membership:
    """A signed-in person with a staff record in ``council`` holding ``roles``."""
    user = UserFactory(username=username)
    record = StaffMemberFactory(council=council, email=user.email, **staff)
    membership = Membership.objects.create(council=council, user=user, staff_member=record)
    for role in roles:
        RoleAssignment.objects.create(council=council, membership=membership, role=role)
    return membership
