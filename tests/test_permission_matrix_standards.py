"""Role × page matrix for the standards pages, written out by hand: anyone in the council checks
a post; only the digital team and council administrators reach the settings."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from conftest import Personas
from herald.standards import services
from herald.standards.models import WordList
from herald.standards.testing import TEST_ACTOR

pytestmark = pytest.mark.django_db

OK, NO = 200, 403

PAGES = [
    "/standards/",
    "/standards/settings/",
    "/standards/settings/rules/",
    "/standards/settings/rules/personal_data.email/",
    "/standards/settings/words/",
    "/standards/settings/contact-details/",
    "/standards/settings/elections/",
    "/standards/settings/elections/new/",
    "/standards/settings/accounts/",
    "/standards/settings/accounts/new/",
]
EVERYONE_ONLY = [OK] + [NO] * 9
EDITORS = [OK] * 10

MATRIX = {
    "officer": EVERYONE_ONLY,
    "editor": EVERYONE_ONLY,
    "approver": EVERYONE_ONLY,
    "digital_lead": EDITORS,
    "ict": EVERYONE_ONLY,
    "hr": EVERYONE_ONLY,
    "line_manager": EVERYONE_ONLY,
    "staff": EVERYONE_ONLY,
    "ambassador": EVERYONE_ONLY,
    "committee": EVERYONE_ONLY,
    "admin": EDITORS,
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_standards_pages(personas: Personas, persona: str) -> None:
    client = personas.client_for(getattr(personas, persona))
    got = [client.get(page).status_code for page in PAGES]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_navigation_offers_the_standards_pages_the_role_can_open(
    personas: Personas, persona: str
) -> None:
    html = personas.client_for(getattr(personas, persona)).get("/").content.decode()
    assert 'href="/standards/"' in html
    assert ('href="/standards/settings/"' in html) == (MATRIX[persona][1] == OK)


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    client = Client()
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/sign-in/?next="), page


def test_the_outsider_gets_404s_for_this_councils_settings_objects(personas: Personas) -> None:
    council = personas.council
    entry = services.add_word(
        council=council, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text="numpty"
    )
    period = services.create_election_period(
        council=council,
        actor=TEST_ACTOR,
        name="County elections",
        notice_on=datetime.date(2027, 3, 26),
        polling_on=datetime.date(2027, 5, 6),
        areas=[],
    )
    rule = services.save_account_rule(
        council=council,
        actor=TEST_ACTOR,
        handle="@wessex",
        required_sign_off="",
        required_hashtags=[],
    )
    client = personas.client_for(personas.outsider)  # an administrator of the other council
    assert client.get("/standards/").status_code == OK  # their own council's check page
    assert client.get(f"/standards/settings/elections/{period.public_id}/").status_code == 404
    assert client.get(f"/standards/settings/accounts/{rule.public_id}/").status_code == 404
    for path in (
        f"/standards/settings/words/{entry.public_id}/remove/",
        f"/standards/settings/elections/{period.public_id}/end/",
        f"/standards/settings/accounts/{rule.public_id}/remove/",
    ):
        assert client.post(path).status_code == 404, path
    assert council.standards_words.filter(pk=entry.pk).exists()
    assert council.standards_account_rules.filter(pk=rule.pk).exists()
