"""Role × page matrix for the network policy and usage pages, with the other council's outsider.

ICT edits the policy and receives alerts; council administrators read the policy; HR, ICT, the
digital team and administrators read the aggregate usage; only HR opens one person's view, and
only through their own unexpired grant. Another council's objects are a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.network import services
from herald.network.models import Category, NetworkAlert

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    category: str
    grant: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    services.ensure_default_policy(council=personas.council, actor=SYSTEM)
    services.ensure_default_policy(council=personas.other_council, actor=SYSTEM)
    social = Category.objects.get(council=personas.council, slug="social")
    services.import_domains(category=social, text="facebook.com\n", actor=SYSTEM)
    services.change_action(category=social, action="allow_log", reason="Trial", actor=SYSTEM)
    grant = services.grant_person_view(
        council=personas.council,
        user=personas.hr.user,
        staff_member=personas.record_of(personas.staff),
        case_reference="HR-2026-17",
        reason="Investigation",
        days=7,
        actor=SYSTEM,
    )
    NetworkAlert.objects.create(
        council=personas.council,
        kind="blocked_repeats",
        day=datetime.date.today(),
        client="10.0.0.1",
        detail="25 attempts",
    )
    return Objects(str(social.public_id), str(grant.public_id))


PAGES = [
    "/network/",
    "/network/categories/{category}/",
    "/network/categories/{category}/action/",
    "/network/categories/{category}/add/",
    "/network/categories/{category}/import/",
    "/network/groups/",
    "/network/groups/new/",
    "/network/exceptions/new/",
    "/network/versions/",
    "/network/versions/compare/?from=1&to=2",
    "/network/squid/",
    "/network/squid/download.zip",
    "/network/review/",
    "/network/usage/",
    "/network/alerts/",
    "/network/people/",
    "/network/people/{grant}/",
    "/network/settings/",
    "/network/identities/",
]

# Policy: 13 pages (read 8, edit 5 interleaved); usage; alerts; people; person; settings.
_READ = [OK, OK, NO, NO, NO, OK, NO, NO, OK, OK, OK, OK, OK]
_EDIT = [OK] * 13
_NONE = [NO] * 13
MATRIX = {
    "ict": [*_EDIT, OK, OK, NO, NO, OK, OK],
    "admin": [*_READ, OK, NO, NO, NO, NO, OK],
    "hr": [*_NONE, OK, NO, OK, OK, NO, NO],
    "digital_lead": [*_NONE, OK, NO, NO, NO, NO, NO],
    "officer": [*_NONE, NO, NO, NO, NO, NO, NO],
    "editor": [*_NONE, NO, NO, NO, NO, NO, NO],
    "approver": [*_NONE, NO, NO, NO, NO, NO, NO],
    "staff": [*_NONE, NO, NO, NO, NO, NO, NO],
    "line_manager": [*_NONE, NO, NO, NO, NO, NO, NO],
    "ambassador": [*_NONE, NO, NO, NO, NO, NO, NO],
    "committee": [*_NONE, NO, NO, NO, NO, NO, NO],
    # An administrator and HR of the other council: their own policy, none of our objects.
    "outsider": [
        OK,
        GONE,
        NO,
        NO,
        NO,
        OK,
        NO,
        NO,
        OK,
        GONE,
        OK,
        OK,
        OK,
        OK,
        NO,
        OK,
        GONE,
        NO,
        OK,
    ],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_network_pages(
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
