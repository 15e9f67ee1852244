"""Personas every test can use: two councils and one person per role, plus an outsider.

The outsider works only for the other council and must never see anything of ``council``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from herald.core.testing import CouncilFactory, ServiceFactory, make_member
from herald.councils.models import Council, Membership
from herald.councils.roles import Role
from herald.people.models import StaffMember


@dataclass
class Personas:
    council: Council
    other_council: Council
    officer: Membership
    editor: Membership
    approver: Membership
    digital_lead: Membership
    ict: Membership
    hr: Membership
    line_manager: Membership
    staff: Membership
    ambassador: Membership
    committee: Membership
    admin: Membership
    outsider: Membership

    @staticmethod
    def record_of(membership: Membership) -> StaffMember:
        """The persona's staff record (every persona has one)."""
        assert membership.staff_member is not None
        return membership.staff_member

    def client_for(self, membership: Membership) -> Client:
        client = Client()
        client.force_login(membership.user)
        return client


@pytest.fixture
def personas(db: None) -> Personas:
    council = CouncilFactory(name="Wessex County Council", slug="wessex")
    other = CouncilFactory(name="Mercia District Council", slug="mercia")
    service = ServiceFactory(council=council, name="Libraries", slug="libraries")
    manager = make_member(
        council=council, username="manager", job_title="Head of Libraries", service=service
    )

    def member(username: str, *roles: Role) -> Membership:
        return make_member(
            council=council,
            username=username,
            roles=tuple(roles),
            service=service,
            line_manager=manager.staff_member,
        )

    return Personas(
        council=council,
        other_council=other,
        officer=member("officer", Role.ACCOUNT_OWNER),
        editor=member("editor", Role.EDITOR),
        approver=member("approver", Role.APPROVER),
        digital_lead=member("digital", Role.DIGITAL_TEAM),
        ict=member("ict", Role.ICT),
        hr=member("hr", Role.HR),
        line_manager=manager,
        staff=member("staff"),
        ambassador=member("ambassador", Role.AMBASSADOR),
        committee=member("committee", Role.COMMITTEE_MEMBER),
        admin=member("admin", Role.COUNCIL_ADMIN),
        outsider=make_member(
            council=other, username="outsider", roles=(Role.COUNCIL_ADMIN, Role.HR)
        ),
    )
