"""Changing a Herald password, under the password policy in AUTH_PASSWORD_VALIDATORS."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

URL = "/account/password/"
NEW_PASSWORD = "lantern-orchard-87-quietly"


def _change(client: Client, old: str, new: str, again: str | None = None) -> Any:
    return client.post(
        URL,
        {
            "old_password": old,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def test_signed_out_visitor_is_sent_to_sign_in(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={URL}"


def test_page_has_govuk_labels(personas: Personas) -> None:
    html = personas.client_for(personas.officer).get(URL).content.decode()
    assert "Current password" in html
    assert "Confirm new password" in html
    assert "Use at least 12 characters." in html


def test_person_changes_their_password(personas: Personas) -> None:
    client = personas.client_for(personas.officer)
    response = _change(client, TEST_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Your password has been changed" in client.get("/").content.decode()
    user = personas.officer.user
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_is_audited_in_the_council(personas: Personas) -> None:
    _change(personas.client_for(personas.officer), TEST_PASSWORD, NEW_PASSWORD)
    event = AuditEvent.objects.get(action="user.password_changed")
    assert event.council == personas.council
    assert event.actor == personas.officer.user


def test_password_change_signs_out_other_sessions(personas: Personas) -> None:
    elsewhere = personas.client_for(personas.officer)
    _change(personas.client_for(personas.officer), TEST_PASSWORD, NEW_PASSWORD)
    assert elsewhere.get("/")["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("not my password", NEW_PASSWORD, None, "The current password you entered is not correct"),
        (TEST_PASSWORD, "Sh0rt-pass", None, "It must contain at least 12 characters"),
        (TEST_PASSWORD, "password123456", None, "This password is too common"),
        (TEST_PASSWORD, "839274619283746", None, "This password is entirely numeric"),
        (TEST_PASSWORD, "officer@example.gov.uk", None, "too similar to the"),
        (TEST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "The new passwords do not match"),
        ("", NEW_PASSWORD, None, "Enter your current password"),
        (TEST_PASSWORD, "", "", "Enter a new password"),
        (TEST_PASSWORD, NEW_PASSWORD, "", "Enter your new password again"),
    ],
)
def test_refused_change_shows_govuk_errors(
    personas: Personas, old: str, new: str, again: str | None, message: str
) -> None:
    response = _change(personas.client_for(personas.officer), old, new, again)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Change your password" in html
    assert "There is a problem" in html
    assert message in html
    personas.officer.user.refresh_from_db()
    assert personas.officer.user.check_password(TEST_PASSWORD)
    assert not AuditEvent.objects.filter(action="user.password_changed").exists()


def test_policy_errors_sit_beside_the_new_password(personas: Personas) -> None:
    html = _change(personas.client_for(personas.officer), TEST_PASSWORD, "Sh0rt-pass").content
    assert 'href="#id_new_password1"' in html.decode()


def test_people_without_a_herald_password_cannot_use_the_page(personas: Personas) -> None:
    user = personas.officer.user
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    assert client.get(URL).status_code == 404
    assert _change(client, "", NEW_PASSWORD).status_code == 404
