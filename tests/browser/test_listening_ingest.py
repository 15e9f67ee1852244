"""Listening's set-up pages in real Chromium with axe: the digital team adds a news feed (first
with an error), sees a source's capture gaps and skipped items, pauses it, and writes a query
(first with a syntax error shown in the error summary). Every page is checked."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.listening.models import CaptureGap, Query, SkippedItem, Source
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digital_team_sets_up_listening(journey: Journey, personas: Personas) -> None:
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/listening/sources/", label="sources, none yet")
    page.get_by_role("button", name="Add a source").click()
    page.wait_for_load_state()
    journey.check("add a source")
    page.get_by_label("Name").fill("Aldermoor Gazette")
    page.get_by_label("News feed (RSS or Atom)").check()
    page.get_by_label("Web address").fill("gazette.example/feed")
    page.get_by_role("button", name="Add source").click()
    page.wait_for_load_state()
    journey.check("add a source with an error")
    assert "Enter the feed address as a web address" in page.content()
    page.get_by_label("Web address").fill("https://gazette.example/feed")
    page.get_by_role("button", name="Add source").click()
    page.wait_for_load_state()
    source = Source.objects.get(council=personas.council)
    CaptureGap.objects.create(
        source=source,
        started_at=timezone.now() - datetime.timedelta(hours=3),
        ended_at=timezone.now() - datetime.timedelta(hours=1),
        reason="Reading the news feed: HTTP 503",
    )
    SkippedItem.objects.create(source=source, remote_id="g-17", reason="Unknown language (fr)")
    journey.visit(f"/listening/sources/{source.public_id}/", label="a source with gaps")
    page.get_by_role("button", name="Pause").click()
    page.wait_for_load_state()
    journey.check("source paused")
    source.refresh_from_db()
    assert source.status == Source.Status.PAUSED
    journey.visit(f"/listening/sources/{source.public_id}/edit/", label="change a source")
    journey.visit("/listening/sources/", label="sources")
    sky = Source.objects.create(
        council=personas.council,
        kind=Source.Kind.BLUESKY,
        name="Bluesky: bins",
        config={"terms": ["bins"], "stream_address": "wss://jet.example/subscribe"},
        stream_error="Listening to Bluesky's Jetstream: HTTP 503",
    )
    journey.visit(f"/listening/sources/{sky.public_id}/", label="a source's live stream failing")
    assert "(polling goes on)" in page.content()

    journey.visit("/listening/queries/new/", label="add a query")
    page.get_by_label("Name", exact=True).fill("Bin strike")
    page.get_by_label("A campaign").check()
    page.get_by_label("Query", exact=True).fill('"bin strike OR (bins AND strike)')
    page.get_by_role("button", name="Add query").click()
    page.wait_for_load_state()
    journey.check("add a query with a syntax error")
    assert "A phrase is missing its closing quote" in page.content()
    page.get_by_label("Query", exact=True).fill('"bin strike" OR (bins AND strike)')
    page.get_by_role("button", name="Add query").click()
    page.wait_for_load_state()
    journey.check("queries")
    assert Query.objects.filter(council=personas.council, name="Bin strike").exists()
