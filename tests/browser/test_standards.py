"""The standards pages in real Chromium: checking a post (with and without the live check) and
every settings page, including forms showing errors. Zero axe WCAG 2.2 AA violations throughout."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from conftest import Personas
from herald.core.testing import TEST_PASSWORD
from herald.standards import services
from herald.standards.testing import TEST_ACTOR
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAL = "Call Jo on her own address jo.bloggs@example.com about <b>the</b> hedge."


def test_checking_a_post_highlights_findings_with_and_without_javascript(
    journey: Journey, personas: Personas
) -> None:
    journey.sign_in(personas.staff.user.username)
    journey.visit("/standards/")
    page = journey.page
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: Check a post")
    journey.check("check page with an empty submission")

    # The live check: typing is enough, the results region updates by itself.
    page.get_by_label("Text of the post or reply").fill(PERSONAL)
    mark = page.locator("#check-results mark.herald-mark--block")
    expect(mark).to_have_text("jo.bloggs@example.com")
    expect(page.locator("#check-summary")).to_have_text("1 problem found: 1 must be fixed.")
    # The person's markup is text on the page, never HTML.
    assert page.locator("#check-results b").count() == 0
    journey.check("check page after the live check")

    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#finding-1")).to_contain_text("This looks like a personal email address.")
    journey.check("check page after submitting")
    journey.assert_clean()


def test_the_check_works_without_javascript(
    browser: Browser, live_server: LiveServer, personas: Personas
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        journey = Journey(context=context, base_url=live_server.url)
        page = journey.page
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(personas.staff.user.username)
        page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.goto(f"{live_server.url}/standards/")
        page.get_by_label("Text of the post or reply").fill(PERSONAL)
        page.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_load_state()
        expect(page.locator("mark.herald-mark--block")).to_have_text("jo.bloggs@example.com")
        expect(page.locator("#finding-1")).to_contain_text("personal email address")
    finally:
        context.close()


@pytest.fixture
def configured(personas: Personas) -> Personas:
    services.create_election_period(
        council=personas.council,
        actor=TEST_ACTOR,
        name="County elections",
        notice_on=datetime.date(2027, 3, 26),
        polling_on=datetime.date(2027, 5, 6),
        areas=["North"],
    )
    services.save_account_rule(
        council=personas.council,
        actor=TEST_ACTOR,
        handle="@WessexLibraries",
        required_sign_off="^WL",
        required_hashtags=["#WessexLibraries"],
    )
    return personas


def test_every_settings_page_and_a_form_error_for_the_digital_team(
    journey: Journey, configured: Personas
) -> None:
    journey.sign_in(configured.digital_lead.user.username)
    for path in (
        "/standards/settings/",
        "/standards/settings/rules/",
        "/standards/settings/rules/personal_data.email/",
        "/standards/settings/words/",
        "/standards/settings/contact-details/",
        "/standards/settings/elections/",
        "/standards/settings/elections/new/",
        "/standards/settings/accounts/",
        "/standards/settings/accounts/new/",
    ):
        journey.visit(path)
    page = journey.page

    journey.visit("/standards/settings/contact-details/")
    page.get_by_label("The council's published phone numbers").fill("12345")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text("not a valid UK phone number")
    journey.check("contact details with a bad phone number")

    journey.visit("/standards/settings/words/")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    journey.check("word lists with an empty word")

    journey.visit("/standards/settings/elections/new/")
    page.get_by_label("Name").fill("Backwards")
    page.get_by_role("button", name="Save pre-election period").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the notice")
    journey.check("pre-election period with no dates")

    journey.visit("/standards/settings/elections/")
    page.get_by_role("button", name="End now County elections").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Ended")
    journey.check("pre-election periods after ending one")
    journey.assert_clean()
