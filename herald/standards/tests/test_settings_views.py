"""The settings pages: the digital team and administrators change settings; others are refused;
another council's objects are 404s."""

from __future__ import annotations

import datetime

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.standards import services
from herald.standards.models import WordList
from herald.standards.testing import TEST_ACTOR

pytestmark = pytest.mark.django_db


def test_the_digital_team_switches_a_rule_off(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    assert "Email addresses" in client.get("/standards/settings/rules/").content.decode()
    response = client.post(
        "/standards/settings/rules/personal_data.email/", {"status": "off", "severity": ""}
    )
    assert response.status_code == 302
    override = personas.council.standards_rule_overrides.get()
    assert not override.is_enabled
    assert AuditEvent.objects.filter(
        action="standards.rule_changed", actor=personas.digital_lead.user
    ).exists()


def test_an_unknown_rule_page_is_a_404(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    assert client.get("/standards/settings/rules/personal_data.shoe_size/").status_code == 404


def test_the_rule_form_without_an_answer_shows_the_error(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    html = client.post("/standards/settings/rules/personal_data.email/", {}).content.decode()
    assert "There is a problem" in html
    assert "Select whether the rule is on" in html


def test_a_bad_phone_number_is_reported_on_its_field_and_nothing_changes(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/standards/settings/contact-details/",
        {"phone_numbers": "01632 960000\n12345", "email_domains": "wessex.gov.uk"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "‘12345’ is not a valid UK phone number" in html
    assert 'href="#id_phone_numbers"' in html
    assert personas.council.standards_settings.own_email_domains == []


def test_contact_details_are_saved(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/standards/settings/contact-details/",
        {"phone_numbers": "01632 960000", "postcodes": "wx1 2ab", "email_domains": ""},
    )
    assert response.status_code == 302
    settings = personas.council.standards_settings
    assert (settings.own_phone_numbers, settings.own_postcodes) == (["+441632960000"], ["WX1 2AB"])


def test_words_are_added_and_removed_and_duplicates_explained(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    data = {"word_list": "blocked", "text": "numpty"}
    assert client.post("/standards/settings/words/", data).status_code == 302
    html = client.post("/standards/settings/words/", data).content.decode()
    assert "‘numpty’ is already in blocked words" in html
    entry = personas.council.standards_words.get(word_list=WordList.BLOCKED)
    assert client.post(f"/standards/settings/words/{entry.public_id}/remove/").status_code == 302
    assert not personas.council.standards_words.filter(word_list=WordList.BLOCKED).exists()


def test_the_words_page_shows_the_seeded_parties(personas: Personas) -> None:
    html = personas.client_for(personas.admin).get("/standards/settings/words/").content.decode()
    assert "Liberal Democrats" in html
    assert "Plaid Cymru" in html


def test_a_period_with_polling_before_notice_is_an_error(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/standards/settings/elections/new/",
        {
            "name": "Backwards",
            "notice_on-day": "6",
            "notice_on-month": "5",
            "notice_on-year": "2027",
            "polling_on-day": "26",
            "polling_on-month": "3",
            "polling_on-year": "2027",
        },
    )
    html = response.content.decode()
    assert "Polling day must be the same as or after the notice" in html
    assert 'href="#id_polling_on-day"' in html
    assert not personas.council.pre_election_periods.exists()


def test_a_period_is_added_then_ended(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/standards/settings/elections/new/",
        {
            "name": "County elections",
            "notice_on-day": "26",
            "notice_on-month": "3",
            "notice_on-year": "2027",
            "polling_on-day": "6",
            "polling_on-month": "5",
            "polling_on-year": "2027",
            "areas": "North\nSouth",
        },
    )
    assert response.status_code == 302
    period = personas.council.pre_election_periods.get()
    assert period.areas == ["North", "South"]
    assert client.post(f"/standards/settings/elections/{period.public_id}/end/").status_code == 302
    period.refresh_from_db()
    assert period.ended_on is not None


def test_account_rules_are_added_with_hashtag_errors_explained(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    html = client.post(
        "/standards/settings/accounts/new/",
        {"handle": "@WessexLibraries", "required_hashtags": "#ok not-a-tag!"},
    ).content.decode()
    assert "‘not-a-tag!’ is not a hashtag" in html
    response = client.post(
        "/standards/settings/accounts/new/",
        {"handle": "@WessexLibraries", "required_hashtags": "#WessexLibraries"},
    )
    assert response.status_code == 302
    assert personas.council.standards_account_rules.get().handle == "@wessexlibraries"


@pytest.mark.parametrize("persona", ["staff", "editor", "approver", "hr", "ict", "officer"])
def test_other_roles_cannot_open_or_change_settings(personas: Personas, persona: str) -> None:
    client = personas.client_for(getattr(personas, persona))
    assert client.get("/standards/settings/").status_code == 403
    response = client.post("/standards/settings/words/", {"word_list": "blocked", "text": "x"})
    assert response.status_code == 403
    assert not personas.council.standards_words.filter(word_list=WordList.BLOCKED).exists()


def test_another_councils_settings_objects_are_404s(personas: Personas) -> None:
    other = personas.other_council
    entry = services.add_word(
        council=other, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text="mercian"
    )
    period = services.create_election_period(
        council=other,
        actor=TEST_ACTOR,
        name="Mercia elections",
        notice_on=datetime.date(2027, 3, 26),
        polling_on=datetime.date(2027, 5, 6),
        areas=[],
    )
    rule = services.save_account_rule(
        council=other,
        actor=TEST_ACTOR,
        handle="@mercia",
        required_sign_off="",
        required_hashtags=[],
    )
    client = personas.client_for(personas.admin)
    assert client.post(f"/standards/settings/words/{entry.public_id}/remove/").status_code == 404
    assert client.get(f"/standards/settings/elections/{period.public_id}/").status_code == 404
    assert client.post(f"/standards/settings/elections/{period.public_id}/end/").status_code == 404
    assert client.get(f"/standards/settings/accounts/{rule.public_id}/").status_code == 404
    assert client.post(f"/standards/settings/accounts/{rule.public_id}/remove/").status_code == 404
    period.refresh_from_db()
    assert period.ended_on is None
    assert other.standards_words.filter(pk=entry.pk).exists()
