"""Replying to a resident in real Chromium with axe: the officer writes a reply with a finding,
sees it live, is stopped, fixes it, sends it and sees it sent (and on the Sandbox timeline under
the resident's comment); the digital team's saved responses form with errors. Every page is
checked (axe, CSP, scripts)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import Personas
from herald.inbox.models import Reply
from herald.inbox.tests.replies.factories import conversation, sandbox_account
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXED = "Thanks for asking: your bin will be collected on Tuesday."


def test_an_officer_fixes_a_finding_sends_a_reply_and_sees_it_sent(
    journey: Journey, personas: Personas
) -> None:
    service = personas.council.services.get(slug="libraries")
    account = sandbox_account(council=personas.council, service=service)
    thread = conversation(council=personas.council, account=account)
    page = journey.page
    journey.sign_in(personas.editor.user.username)
    journey.visit(f"/inbox/conversations/{thread.conversation.public_id}/reply/", label="reply")
    assert page.get_by_text("When is my bin collected this week?").is_visible()

    page.get_by_label("Your reply").fill("Ring me on 07700 900123 and I will explain.")
    page.locator("#check-results").get_by_text("phone number").wait_for()
    journey.check("reply with a live finding")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    journey.check("reply refused with the finding")
    assert page.locator(".govuk-error-summary").get_by_text("Fix what must be fixed").is_visible()

    page.get_by_label("Your reply").fill(FIXED)
    page.locator("#check-results").get_by_text("No problems found").wait_for()
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    journey.check("reply sent")
    assert page.get_by_role("heading", name="This reply Sent").is_visible()
    reply = Reply.objects.get()
    assert reply.status == Reply.Status.SENT

    assert page.get_by_role("link", name="See the reply on the network").is_visible()
    # The link is the network's own address (SITE_URL); the live server has its own host.
    journey.visit(urlparse(reply.remote_url).path, label="the Sandbox timeline with the reply")
    thread_items = page.locator(".herald-thread__item")
    assert thread_items.nth(0).get_by_text("When is my bin collected this week?").is_visible()
    assert thread_items.nth(1).get_by_text(FIXED).is_visible()
    assert page.get_by_text(FIXED).is_visible()
    journey.assert_clean()


def test_the_digital_team_keeps_saved_responses(journey: Journey, personas: Personas) -> None:
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/inbox/saved-responses/", label="saved responses (empty)")
    page.get_by_role("button", name="Add a saved response").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    journey.check("saved response form with errors")
    assert page.locator(".govuk-error-summary").get_by_text("Enter a title").is_visible()
    page.get_by_label("Title").fill("Bin collection days")
    page.get_by_label("Text").fill("Check your collection day on our website.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    journey.check("saved responses")
    assert page.get_by_role("link", name="Change Bin collection days").is_visible()
    journey.assert_clean()
