"""The page shell: titles, header, account links, CSP nonce, error pages and statutory pages."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from conftest import Personas
from herald.core.error_pages import server_error
from herald.core.templating import DEFAULT_BRAND_COLOUR, brand_colour, contrast_with_white


def page_title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return match.group(1).strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility/", "Accessibility statement for Herald"),
        ("/privacy/", "Privacy notice for Herald"),
        ("/cookies/", "Cookies"),
    ],
)
def test_statutory_pages_are_open_to_people_who_are_not_signed_in(
    client: Client, path: str, heading: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in response.text


@pytest.mark.django_db
def test_accessibility_statement_names_the_standard_and_the_regulations(client: Client) -> None:
    text = client.get("/accessibility/").text
    assert "Web Content Accessibility Guidelines version 2.2</a> AA" in text
    assert "Accessibility Regulations 2018" in text
    assert "Equality Advisory and Support Service" in text


@pytest.mark.django_db
def test_privacy_notice_gives_the_lawful_bases_and_the_right_to_complain(client: Client) -> None:
    text = client.get("/privacy/").text
    assert "UK General Data Protection Regulation" in text
    assert "Article 6(1)(e)" in text
    assert "Information Commissioner’s Office" in text


@pytest.mark.django_db
def test_cookies_page_lists_exactly_the_cookies_herald_sets(client: Client) -> None:
    text = client.get("/cookies/").text
    cookie_names = re.findall(r'<th scope="row" class="govuk-table__header">\s*(\S+)\s*</th>', text)
    assert cookie_names == [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]
    assert f"After {settings.SESSION_COOKIE_AGE // 3600} hours" in text


@pytest.mark.django_db
def test_signed_out_page_title_ends_with_herald(client: Client) -> None:
    assert page_title(client.get("/sign-in/").text) == "Sign in – Herald"


@pytest.mark.django_db
def test_page_title_starts_with_error_when_the_form_has_errors(client: Client) -> None:
    response = client.post("/sign-in/", {"username": "", "password": ""})
    assert page_title(response.text) == "Error: Sign in – Herald"
    assert '<a href="#id_username">Enter your username</a>' in response.text


def test_signed_in_page_shows_the_council_in_title_header_and_footer(personas: Personas) -> None:
    html = personas.client_for(personas.staff).get("/").text
    assert page_title(html) == "Home – Wessex County Council"
    assert '<span class="herald-masthead__name">Wessex County Council</span>' in html
    assert "© Wessex County Council" in html


def test_no_page_shows_the_crown_or_crown_copyright(personas: Personas) -> None:
    html = personas.client_for(personas.staff).get("/").text
    assert "govuk-logo" not in html
    assert "Crown copyright" not in html
    assert "Open Government Licence" not in html


def test_signed_in_person_sees_their_name_and_a_post_sign_out_button(personas: Personas) -> None:
    html = personas.client_for(personas.staff).get("/").text
    user = personas.staff.user
    assert f"Signed in as </span>{user.display_name}" in unescape(html)  # "O'Neill"
    form = re.search(r'<form method="post" action="/sign-out/"[^>]*>(.*?)</form>', html, re.S)
    assert form
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert '<button type="submit" class="herald-link-button' in form.group(1)


def test_sign_out_button_signs_the_person_out(personas: Personas) -> None:
    client = personas.client_for(personas.staff)
    client.post("/sign-out/")
    assert client.get("/").status_code == 302


def test_the_csp_nonce_renders_on_the_inline_script_and_style(client: Client) -> None:
    response = client.get("/accessibility/")
    header = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header)
    assert nonce
    assert f'<script nonce="{nonce.group(1)}">' in response.text
    assert f'<style nonce="{nonce.group(1)}">' in response.text
    assert "style-src 'self' 'nonce-" in header
    assert "script-src 'self' 'nonce-" in header
    assert "unsafe-inline" not in header


def test_header_uses_the_councils_brand_colour(personas: Personas) -> None:
    personas.council.brand_colour = "#005A30"
    personas.council.save()
    html = personas.client_for(personas.staff).get("/").text
    assert "--govuk-brand-colour: #005a30;" in html


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("#0b0c0c", "#0b0c0c"),
        ("#1D70B8", "#1d70b8"),
        ("#ffdd00", DEFAULT_BRAND_COLOUR),  # white text on yellow fails AA
        ("#00ff00", DEFAULT_BRAND_COLOUR),
        ("red", DEFAULT_BRAND_COLOUR),
        ("#000;}", DEFAULT_BRAND_COLOUR),
        ("", DEFAULT_BRAND_COLOUR),
        (None, DEFAULT_BRAND_COLOUR),
    ],
)
def test_brand_colour_is_used_only_when_white_text_on_it_meets_aa(
    stored: str | None, shown: str
) -> None:
    assert brand_colour(stored) == shown


def test_contrast_with_white_matches_the_wcag_formula() -> None:
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white(DEFAULT_BRAND_COLOUR) == pytest.approx(5.17, abs=0.01)


def test_every_page_has_a_skip_link_to_the_main_content(client: Client) -> None:
    html = client.get("/sign-in/").text
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html


def test_navigation_shows_only_the_sections_the_persons_roles_reach(personas: Personas) -> None:
    staff_html = personas.client_for(personas.staff).get("/").text
    admin_html = personas.client_for(personas.admin).get("/").text
    assert 'href="/audit/"' not in staff_html
    assert 'href="/audit/"' in admin_html


@pytest.mark.django_db
def test_unknown_address_shows_the_page_not_found_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert page_title(response.text) == "Page not found – Herald"


def test_page_not_found_keeps_the_signed_in_navigation(personas: Personas) -> None:
    response = personas.client_for(personas.staff).get("/no-such-page/")
    assert response.status_code == 404
    assert page_title(response.text) == "Page not found – Wessex County Council"
    assert "Sign out" in response.text


def test_a_page_outside_the_persons_roles_shows_the_forbidden_page(personas: Personas) -> None:
    response = personas.client_for(personas.staff).get("/audit/")
    assert response.status_code == 403
    assert "You cannot use this page" in response.text


def test_server_error_page_renders_without_the_database_or_a_session() -> None:
    # No django_db mark: any query fails the test. The request has no user, session or council,
    # as when the middleware that sets them is what broke.
    request = RequestFactory().get("/")
    response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert page_title(html) == "Sorry, there is a problem with the service – Herald"
    assert "Sign out" not in html
    assert "govuk-service-navigation" not in html
    assert 'href="/accessibility/"' in html


@pytest.mark.django_db
def test_signed_out_pages_show_no_service_navigation_or_account_links(client: Client) -> None:
    html = client.get("/sign-in/").text
    assert "govuk-service-navigation" not in html
    assert "Sign out" not in html
