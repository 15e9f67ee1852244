"""Channels in real Chromium with axe: the digital team connects an account to the Sandbox, a
post is published to it by the sweep, and the Sandbox timeline shows it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import Personas
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.publishing.delivery import sweep
from herald.publishing.delivery.testing import scheduled_post
from herald.publishing.models import Delivery
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digital_team_connects_an_account_and_a_post_appears_on_the_sandbox(
    journey: Journey, personas: Personas
) -> None:
    account = make_account(
        council=personas.council,
        service=ServiceFactory(council=personas.council),
        name="Wessex Libraries",
    )
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/channels/connections/", label="connections, none yet")
    page.get_by_role("link", name="Connect Wessex Libraries").click()
    page.wait_for_load_state()
    journey.check("connect form")
    page.get_by_role("radio", name="Mastodon").check()
    page.get_by_label("Access token (Mastodon)").fill("not-shown-again")
    page.get_by_role("button", name="Connect").click()
    page.wait_for_load_state()
    journey.check("connect form with errors")
    assert "not-shown-again" not in page.content()
    page.get_by_role("radio", name="Sandbox (Herald's own local network)").check()
    page.get_by_role("button", name="Connect").click()
    page.wait_for_load_state()
    journey.check("connection")
    connection = ChannelConnection.objects.get(account=account)
    journey.visit("/channels/connections/", label="connections list")

    scheduled_post(
        council=personas.council,
        author=personas.editor.user,
        accounts=[account],
        due_at=timezone.now(),
        text="Wessex libraries open late on Thursdays",
        first_comment="Find your nearest library at wessex.gov.uk",
    )
    sweep.publish_due()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PUBLISHED
    journey.visit(f"/channels/connections/{connection.public_id}/")
    page.get_by_role("link", name="See its Sandbox timeline").click()
    page.wait_for_load_state()
    journey.check("sandbox timeline with a published post")
    assert page.get_by_text("Wessex libraries open late on Thursdays").is_visible()
