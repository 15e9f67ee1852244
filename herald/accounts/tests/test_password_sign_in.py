"""Signing in and out with a Herald username and password."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from herald.accounts.models import LoginFailure
from herald.audit.models import AuditEvent
from herald.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post("/sign-in/", {"username": username, "password": password, **extra})


def test_sign_in_page_asks_for_username_and_password(db: None) -> None:
    response = Client().get("/sign-in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="username"' in html
    assert 'type="password"' in html
    assert "There is a problem" not in html
    assert "autofocus" not in html


def test_person_signs_in_with_password_and_lands_on_home(personas: Personas) -> None:
    client = Client()
    response = _sign_in(client, "officer", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user == personas.officer.user


def test_password_sign_in_is_audited_in_the_council(personas: Personas) -> None:
    _sign_in(Client(), "officer", TEST_PASSWORD, REMOTE_ADDR="198.51.100.4")
    event = AuditEvent.objects.get(action="user.signed_in")
    assert event.council == personas.council
    assert event.actor == personas.officer.user


def test_session_changes_on_sign_in(personas: Personas) -> None:
    client = Client()
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    _sign_in(client, "officer", TEST_PASSWORD)
    assert client.session.session_key != before
    assert client.session["visited"] is True


def test_wrong_password_shows_govuk_error_with_summary(personas: Personas) -> None:
    response = _sign_in(Client(), "officer", "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert 'class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert response.wsgi_request.user.is_anonymous


def test_unknown_username_gets_the_same_error_as_a_wrong_password(db: None) -> None:
    html = _sign_in(Client(), "nobody", "not the password").content.decode()
    assert "Enter a correct username and password" in html


def test_switched_off_account_cannot_sign_in(personas: Personas) -> None:
    user = personas.officer.user
    user.is_active = False
    user.save()
    response = _sign_in(Client(), "officer", TEST_PASSWORD)
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_empty_fields_each_get_an_error_linked_from_the_summary(db: None) -> None:
    html = _sign_in(Client(), "", "").content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html
    assert "govuk-error-message" in html


def test_empty_password_does_not_count_as_a_failure(personas: Personas) -> None:
    _sign_in(Client(), "officer", "")
    assert LoginFailure.objects.count() == 0


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/staff/", "/staff/"),
        ("/staff/?page=2", "/staff/?page=2"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("http://testserver.evil.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirects_only_to_safe_addresses(
    personas: Personas, next_url: str, expected: str
) -> None:
    response = _sign_in(Client(), "officer", TEST_PASSWORD, next=next_url)
    assert response["Location"] == expected


def test_signed_in_person_visiting_sign_in_goes_home(personas: Personas) -> None:
    response = personas.client_for(personas.officer).get("/sign-in/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_out_by_get_is_not_allowed(personas: Personas) -> None:
    client = personas.client_for(personas.officer)
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/").status_code == 200


def test_sign_out_by_post_ends_the_session(personas: Personas) -> None:
    client = personas.client_for(personas.officer)
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_sign_out_needs_the_csrf_token(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.officer.user)
    assert client.post("/sign-out/").status_code == 403
    assert client.get("/").status_code == 200
