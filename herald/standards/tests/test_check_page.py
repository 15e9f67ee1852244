"""The check page: anyone in the council checks a text and sees the findings in place."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import Personas
from herald.standards import services
from herald.standards.testing import TEST_ACTOR

pytestmark = pytest.mark.django_db


def test_staff_see_a_personal_email_highlighted_and_listed(personas: Personas) -> None:
    client = personas.client_for(personas.staff)
    response = client.post("/standards/", {"text": "Write to <b>jo</b> at jo.bloggs@example.com"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="herald-mark herald-mark--block">jo.bloggs@example.com</mark>' in html
    # The person's own markup is shown as text, never as HTML.
    assert "Write to &lt;b&gt;jo&lt;/b&gt; at " in html
    assert "<b>jo</b>" not in html
    assert "This looks like a personal email address." in html
    assert "personal_data.email" in html
    assert "1 problem found: 1 must be fixed." in html


def test_an_empty_text_shows_the_error_summary(personas: Personas) -> None:
    response = personas.client_for(personas.staff).post("/standards/", {"text": "   "})
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_text"' in html
    assert "Enter the text you want to check" in html
    assert "<title>Error: Check a post" in html


def test_an_unknown_network_is_an_error_not_a_crash(personas: Personas) -> None:
    response = personas.client_for(personas.staff).post(
        "/standards/", {"text": "Hello", "network": "myspace"}
    )
    assert "Select a network from the list" in response.content.decode()


def test_the_councils_own_domain_is_not_flagged_on_the_page(personas: Personas) -> None:
    services.update_contact_details(
        council=personas.council,
        actor=TEST_ACTOR,
        phone_numbers=[],
        email_domains=["wessex.gov.uk"],
        postcodes=[],
        prohibited_terms=[],
    )
    response = personas.client_for(personas.editor).post(
        "/standards/", {"text": "Email libraries@wessex.gov.uk"}
    )
    assert "No problems found." in response.content.decode()


def test_the_fragment_returns_only_the_results_region(personas: Personas) -> None:
    response = personas.client_for(personas.staff).post(
        "/standards/results/", {"text": "a@b.example.org"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "herald-mark--block" in html


def test_the_fragment_is_post_only_and_for_council_members(personas: Personas) -> None:
    assert personas.client_for(personas.staff).get("/standards/results/").status_code == 405
    assert Client().post("/standards/results/", {"text": "x"}).status_code == 302


def test_the_page_loads_its_script_with_the_csp_nonce(personas: Personas) -> None:
    html = personas.client_for(personas.staff).get("/standards/").content.decode()
    assert 'src="/static/standards/check.js" nonce="' in html
    assert 'aria-live="polite"' in html
