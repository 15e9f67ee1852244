"""The home page points the digital team and account owners at the estate's open work."""

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM, Actor
from herald.estate.services import run_housekeeping, submit_request
from herald.estate.testing import make_account
from herald.learning.testing import make_trained

pytestmark = pytest.mark.django_db


def _unhealthy_account_owned_by_officer(personas: Personas) -> None:
    officer = personas.record_of(personas.officer)
    assert officer.service is not None
    make_account(council=personas.council, service=officer.service, owner=officer, healthy=False)
    run_housekeeping(council=personas.council, actor=SYSTEM)


def test_owner_and_digital_team_see_open_findings_on_home(personas: Personas) -> None:
    _unhealthy_account_owned_by_officer(personas)
    for persona in (personas.officer, personas.digital_lead):
        page = personas.client_for(persona).get("/").content.decode()
        assert "Social media account findings" in page


def test_staff_and_other_councils_see_no_estate_items(personas: Personas) -> None:
    _unhealthy_account_owned_by_officer(personas)
    for persona in (personas.staff, personas.outsider):
        page = personas.client_for(persona).get("/").content.decode()
        assert "Social media account findings" not in page
        assert "Account requests to review" not in page


def test_no_findings_means_no_estate_item(personas: Personas) -> None:
    page = personas.client_for(personas.digital_lead).get("/").content.decode()
    assert "Social media account findings" not in page


def test_digital_team_sees_account_requests_waiting_for_review(personas: Personas) -> None:
    owner, deputy = personas.record_of(personas.officer), personas.record_of(personas.staff)
    assert owner.service is not None
    make_trained(staff_member=owner)
    make_trained(staff_member=deputy)
    submit_request(
        council=personas.council,
        requested_by=personas.staff.user,
        details={
            "network": "tiktok",
            "handle": "wessexlibraries",
            "url": "",
            "name": "Wessex Libraries on TikTok",
            "service": owner.service,
            "business_case": "Reach teenagers",
            "audience": "Young people",
            "why_not_corporate": "The corporate accounts do not reach them",
            "content_plan": "Two videos a week",
            "hours_per_week": 3,
            "owner": owner,
            "deputy": deputy,
        },
        actor=Actor(user=personas.staff.user),
    )
    digital = personas.client_for(personas.digital_lead).get("/").content.decode()
    assert "Account requests to review" in digital
    officer = personas.client_for(personas.officer).get("/").content.decode()
    assert "Account requests to review" not in officer
