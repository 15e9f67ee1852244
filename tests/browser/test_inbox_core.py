"""The inbox in real Chromium with axe: an editor triages a resident's message, records the
answer and resolves it with an outcome; the digital team's settings form shows its errors.
Every inbox page reached (and each form with errors) is checked."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.core.testing import TeamFactory
from herald.estate.testing import make_account
from herald.inbox import services
from herald.inbox.models import Conversation
from herald.inbox.testing import make_mention
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inbox(personas: Personas) -> Conversation:
    council = personas.council
    libraries = council.services.get(slug="libraries")
    team = TeamFactory(council=council, service=libraries, name="Library enquiries")
    services.set_route(
        council=council, service_label="libraries", service=libraries, team=team, actor=SYSTEM
    )
    account = make_account(council=council, service=libraries)
    make_mention(
        council=council,
        account=account,
        text="Can I renew my library books online?",
        author_handle="@reader",
        service_label="libraries",
    )
    make_mention(council=council, account=account, text="I don't feel safe", safeguarding=True)
    services.collect_for(council=council)
    return Conversation.objects.get(resident_handle="@reader")


def test_an_editor_triages_and_resolves_a_conversation(
    journey: Journey, personas: Personas
) -> None:
    conversation = _inbox(personas)
    page = journey.page
    journey.sign_in(personas.editor.user.username)
    journey.visit("/inbox/", label="inbox list")
    journey.visit("/inbox/?view=unassigned", label="unassigned view")
    journey.visit("/inbox/", label="inbox list again")
    page.get_by_role("link", name="Can I renew my library books online?").click()
    page.wait_for_load_state()
    journey.check("conversation")
    page.get_by_label("Person").select_option(label=personas.editor.user.display_name)
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    journey.check("assigned")
    page.get_by_label("Internal note (never sent to the resident)").fill("Sent the renewals link")
    page.get_by_role("button", name="Add the note").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Record as answered").click()
    page.wait_for_load_state()
    journey.check("answered")
    page.get_by_label("Resolved").check()
    page.get_by_role("button", name="Close the conversation").click()
    page.wait_for_load_state()
    journey.check("close without an outcome")
    assert page.get_by_role("link", name="Choose the outcome").is_visible()
    page.get_by_label("Resolved").check()
    page.get_by_label("Signposted to an online form or page").check()
    page.get_by_role("button", name="Close the conversation").click()
    page.wait_for_load_state()
    journey.check("resolved")
    conversation.refresh_from_db()
    assert conversation.status == "resolved"
    assert conversation.outcome == "signposted_online"
    journey.visit("/inbox/escalations/", label="escalations")
    page.get_by_role("link", name="Safeguarding concern").click()
    page.wait_for_load_state()
    journey.check("safeguarding escalation")
    journey.visit("/inbox/outcomes/", label="outcomes")
    assert page.get_by_role("img", name="Closed conversations by outcome").is_visible()
    journey.visit("/inbox/consultations/", label="consultations")
    journey.sign_out()
    journey.assert_clean()


def test_the_digital_team_sees_settings_errors_and_searches_records(
    journey: Journey, personas: Personas
) -> None:
    _inbox(personas)
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/inbox/settings/", label="inbox settings")
    page.get_by_label("Keep conversations for (months)").fill("2")
    page.get_by_label("Monday closing time").fill("")
    page.get_by_role("button", name="Save the settings").click()
    page.wait_for_load_state()
    journey.check("settings with errors")
    assert page.get_by_role("link", name="Keep conversations for at least 6 months").is_visible()
    page.get_by_label("First response within (working hours)").fill("0")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_load_state()
    journey.check("target with an error")
    journey.visit("/inbox/records/?person=reader", label="records search")
    journey.visit(
        "/inbox/records/?since-day=31&since-month=2&since-year=2026", label="records bad date"
    )
    journey.sign_out()
    journey.assert_clean()
