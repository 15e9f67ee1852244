"""Role × page matrix for the estate, written out by hand, with the other council's outsider.

The account is owned by the officer (the account-owner persona); the request was made by plain
staff. A 404 is "not yours to know about": another council's object, someone else's request.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.estate import services
from herald.estate.testing import make_account
from herald.learning.testing import make_trained

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    account: str
    finding: str
    request: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    owner, deputy = personas.record_of(personas.officer), personas.record_of(personas.staff)
    assert owner.service is not None
    for person in (owner, deputy):
        make_trained(staff_member=person)
    account = make_account(
        council=personas.council, service=owner.service, owner=owner, two_factor="off"
    )
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    made = services.submit_request(
        council=personas.council,
        requested_by=personas.staff.user,
        details={
            "network": "x",
            "handle": "WessexReads",
            "url": "",
            "name": "Wessex Reads",
            "service": owner.service,
            "business_case": "b",
            "audience": "a",
            "why_not_corporate": "w",
            "content_plan": "c",
            "hours_per_week": 2,
            "owner": owner,
            "deputy": deputy,
        },
        actor=SYSTEM,
    )
    finding = account.findings.first()
    assert finding is not None
    return Objects(str(account.public_id), str(finding.public_id), str(made.public_id))


PAGES = [
    "/estate/",
    "/estate/add/",
    "/estate/requests/",
    "/estate/requests/new/",
    "/estate/requests/review/",
    "/estate/findings/",
    "/estate/dashboard/",
    "/estate/dashboard.csv",
    "/estate/import/",
    "/estate/{account}/",
    "/estate/{account}/edit/",
    "/estate/{account}/status/",
    "/estate/{account}/access/",
    "/estate/{account}/close/",
    "/estate/{account}/closure/",
    "/estate/findings/{finding}/",
    "/estate/requests/{request}/",
    "/estate/findings/settings/",
    "/estate/access/",
    "/estate/access/team/",
]

# Everyone without an estate role: they may ask for an account and see their own requests.
_PLAIN = [NO, NO, OK, OK, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, GONE, NO]
# The access review (HR, ICT, the digital team, administrators) and a line manager's team view.
_REVIEWER, _NEITHER, _MANAGER = [OK, NO], [NO, NO], [NO, OK]
MATRIX = {
    "officer": [
        OK,
        NO,
        OK,
        OK,
        NO,
        OK,
        NO,
        NO,
        NO,
        OK,
        OK,
        NO,
        NO,
        OK,
        NO,
        OK,
        GONE,
        NO,
        *_NEITHER,
    ],
    "digital_lead": [OK] * 18 + _REVIEWER,
    "admin": [OK, NO, OK, OK, NO, OK, OK, OK, NO, OK, NO, NO, NO, NO, NO, OK, OK, NO, *_REVIEWER],
    "staff": [*_PLAIN[:-2], OK, NO, *_NEITHER],  # the requester
    "editor": _PLAIN + _NEITHER,
    "approver": _PLAIN + _NEITHER,
    "ict": _PLAIN + _REVIEWER,
    "hr": _PLAIN + _REVIEWER,
    "line_manager": _PLAIN + _MANAGER,
    "ambassador": _PLAIN + _NEITHER,
    "committee": _PLAIN + _NEITHER,
    # An administrator and HR of the other council: their own (empty) lists, none of ours.
    "outsider": [
        *[OK, NO, OK, OK, NO, OK, OK, OK, NO, GONE, GONE, NO, NO, GONE, NO, GONE, GONE, NO],
        *_REVIEWER,
    ],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_estate_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")


def test_the_outsiders_access_review_holds_none_of_our_people(
    personas: Personas, objects: Objects
) -> None:
    page = personas.client_for(personas.outsider).get("/estate/access/")
    ours = personas.client_for(personas.hr).get("/estate/access/")
    owner = personas.record_of(personas.officer).full_name
    assert owner in ours.text
    assert owner not in page.text
    assert "0 people." in page.text
