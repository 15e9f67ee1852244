"""The sources and queries pages: adding and changing with errors in the summary, pausing,
the detail with gaps and skipped items, and another council's objects as 404s."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.listening.models import CaptureGap, Query, SkippedItem, Source
from herald.listening.services.queries import create_query
from herald.listening.tests.ingest.conftest import make_source

pytestmark = pytest.mark.django_db


def test_adding_a_news_feed(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/listening/sources/new/",
        {
            "name": "Gazette",
            "kind": "rss",
            "url": "https://gazette.example/rss",
            "poll_every_minutes": "15",
        },
    )
    source = Source.objects.get(council=personas.council)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/listening/sources/{source.public_id}/"
    assert source.config == {"url": "https://gazette.example/rss"}
    assert source.poll_every_seconds == 900
    assert AuditEvent.objects.filter(action="listening.source_added").exists()


def test_a_source_that_cannot_work_is_refused_on_the_form(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/listening/sources/new/",
        {"name": "Toots", "kind": "mastodon", "url": "mastodon.social", "poll_every_minutes": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter the Mastodon server as a web address starting https://" in page
    assert not Source.objects.exists()


def test_the_source_page_shows_its_gaps_and_skipped_items(personas: Personas) -> None:
    source = make_source(personas, name="Gazette")
    CaptureGap.objects.create(
        source=source,
        started_at=timezone.now() - datetime.timedelta(hours=2),
        reason="Reading the news feed: HTTP 503",
    )
    SkippedItem.objects.create(source=source, remote_id="x1", reason="Unknown language (fr)")
    page = personas.client_for(personas.approver).get(f"/listening/sources/{source.public_id}/")
    text = page.content.decode()
    assert "Reading the news feed: HTTP 503" in text
    assert "Still open" in text
    assert "Unknown language (fr)" in text
    assert "Pause" not in text  # an approver may look, not change


def test_pausing_and_resuming(personas: Personas) -> None:
    source = make_source(personas)
    client = personas.client_for(personas.admin)
    client.post(f"/listening/sources/{source.public_id}/pause/")
    source.refresh_from_db()
    assert source.status == Source.Status.PAUSED
    client.post(f"/listening/sources/{source.public_id}/resume/")
    source.refresh_from_db()
    assert source.status == Source.Status.ACTIVE
    assert list(source.status_changes.values_list("to_status", flat=True)) == [
        "active",
        "paused",
        "active",
    ]


def test_a_query_with_a_syntax_error_is_shown_in_the_error_summary(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/listening/queries/new/",
        {"name": "Bins", "topic": "service", "expression": '(bins OR "bin strike'},
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "A phrase is missing its closing quote" in page
    assert 'href="#id_expression"' in page or "#expression" in page
    assert not Query.objects.exists()


def test_adding_and_changing_a_query(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    client.post(
        "/listening/queries/new/",
        {
            "name": "Bins",
            "topic": "service",
            "expression": "bins OR recycling",
            "exclusions": "",
            "is_active": "on",
        },
    )
    query = Query.objects.get()
    client.post(
        f"/listening/queries/{query.public_id}/edit/",
        {"name": "Bins", "topic": "service", "expression": "bins", "exclusions": "bin AND laden"},
    )
    query.refresh_from_db()
    assert (query.expression, query.exclusions, query.is_active) == ("bins", "bin AND laden", False)


def test_another_councils_source_and_query_are_not_found(personas: Personas) -> None:
    source = make_source(personas)
    query = create_query(
        council=personas.council, name="Bins", topic="service", expression="bins", actor=SYSTEM
    )
    client = personas.client_for(personas.outsider)
    for path in (
        f"/listening/sources/{source.public_id}/",
        f"/listening/sources/{source.public_id}/edit/",
        f"/listening/queries/{query.public_id}/edit/",
    ):
        assert client.get(path).status_code == 404
    for path in ("pause", "resume"):
        assert client.post(f"/listening/sources/{source.public_id}/{path}/").status_code == 404
    source.refresh_from_db()
    assert source.status == Source.Status.ACTIVE


def test_a_bluesky_source_with_its_own_jetstream_and_its_live_state(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    form = {"name": "Sky", "kind": "bluesky", "terms": "bins", "poll_every_minutes": "5"}
    refused = client.post("/listening/sources/new/", form | {"stream_address": "https://jet"})
    assert "Enter the live stream address starting wss:// or ws://" in refused.content.decode()
    assert not Source.objects.exists()
    client.post("/listening/sources/new/", form | {"stream_address": "wss://jet.example/subscribe"})
    source = Source.objects.get(council=personas.council)
    assert source.config["stream_address"] == "wss://jet.example/subscribe"
    page = client.get(f"/listening/sources/{source.public_id}/").content.decode()
    assert "Not connected yet from wss://jet.example/subscribe: heard by polling only" in page
    Source.objects.filter(pk=source.pk).update(stream_error="Listening to Jetstream: HTTP 503")
    page = client.get(f"/listening/sources/{source.public_id}/").content.decode()
    assert "Listening to Jetstream: HTTP 503 (polling goes on)" in page
    news = make_source(personas, name="Gazette")
    assert "Live stream" not in client.get(f"/listening/sources/{news.public_id}/").content.decode()
    assert "stream_address" not in news.config
