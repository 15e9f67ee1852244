"""Signing in with Microsoft Entra ID, against a fake tenant (see fake_entra.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from django.test import Client
from pytest_django.fixtures import Settings

from conftest import Personas
from herald.accounts.models import User
from herald.accounts.tests.fake_entra import (
    CLIENT_SECRET,
    OTHER_KEY,
    EntraAccount,
    FakeEntra,
    settings_for_entra,
    sign_in_with_entra,
)
from herald.audit.models import AuditEvent
from herald.core.testing import UserFactory

pytestmark = pytest.mark.django_db

NOT_SET_UP = "Your Microsoft Entra ID account is not set up in Herald"
NO_COUNCIL = "Your Herald account does not give you access to any council"
DID_NOT_WORK = "Signing in with Microsoft Entra ID did not work. Try again."


@pytest.fixture
def entra(settings: Settings) -> Iterator[FakeEntra]:
    for name, value in settings_for_entra().items():
        setattr(settings, name, value)
    # Any request to an address the fake does not serve fails the test: no network, ever.
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeEntra(mock)


def _account_for(user: User) -> EntraAccount:
    return EntraAccount(email=user.email, name=user.get_full_name())


def _signed_in_user(client: Client) -> User | None:
    response = client.get("/")
    if response.status_code != 200:
        return None
    user = response.wsgi_request.user
    return user if isinstance(user, User) else None


def _refusal_page(client: Client, response: object) -> str:
    assert getattr(response, "status_code", None) == 302
    assert response["Location"] == "/sign-in/"  # type: ignore[index]
    page = client.get("/sign-in/")
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    assert "<title>Error: Sign in" in html
    return html


def test_sign_in_page_offers_entra_when_it_is_configured(entra: FakeEntra) -> None:
    html = Client().get("/sign-in/", {"next": "/staff/"}).content.decode()
    assert "Sign in with Microsoft Entra ID" in html
    assert 'href="/oidc/authenticate/?next=%2Fstaff%2F"' in html


def test_sign_in_page_has_no_entra_button_when_it_is_not_configured(db: None) -> None:
    html = Client().get("/sign-in/").content.decode()
    assert "Sign in with" not in html
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/?code=x&state=y").status_code == 404


def test_sign_in_request_uses_state_nonce_and_pkce(entra: FakeEntra) -> None:
    response = Client().get("/oidc/authenticate/")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["client_id"] == [settings_for_entra()["OIDC_RP_CLIENT_ID"]]
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32
    assert len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]


def test_known_user_signs_in_and_lands_on_home(personas: Personas, entra: FakeEntra) -> None:
    client = Client()
    user = personas.officer.user
    response = sign_in_with_entra(client, entra, _account_for(user))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in_user(client) == user
    assert entra.token_requests[0]["code_verifier"]  # PKCE: the fake checked it too


def test_sign_in_links_the_subject_and_is_audited_in_the_council(
    personas: Personas, entra: FakeEntra
) -> None:
    user = personas.officer.user
    account = _account_for(user)
    sign_in_with_entra(Client(), entra, account)
    user.refresh_from_db()
    assert user.oidc_subject == account.oid
    event = AuditEvent.objects.get(action="user.signed_in_oidc")
    assert event.council == personas.council
    assert event.actor == user
    assert event.target_id == str(user.public_id)
    assert event.changes == {"oidc_subject": [None, account.oid]}


def test_person_in_two_councils_is_audited_in_each(personas: Personas, entra: FakeEntra) -> None:
    user = personas.hr.user
    user.memberships.create(council=personas.other_council)
    sign_in_with_entra(Client(), entra, _account_for(user))
    councils = AuditEvent.objects.filter(action="user.signed_in_oidc").values_list(
        "council__slug", flat=True
    )
    assert sorted(councils) == ["mercia", "wessex"]


def test_next_page_is_kept_through_the_provider(personas: Personas, entra: FakeEntra) -> None:
    account = _account_for(personas.officer.user)
    response = sign_in_with_entra(Client(), entra, account, next_url="/staff/")
    assert response["Location"] == "/staff/"


def test_next_page_elsewhere_is_ignored(personas: Personas, entra: FakeEntra) -> None:
    account = _account_for(personas.officer.user)
    response = sign_in_with_entra(Client(), entra, account, next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_subject_is_used_next_time_even_if_email_changed(
    personas: Personas, entra: FakeEntra
) -> None:
    user = personas.officer.user
    account = _account_for(user)
    sign_in_with_entra(Client(), entra, account)
    account.email = "officer.renamed@wessex.example.gov.uk"
    client = Client()
    response = sign_in_with_entra(client, entra, account)
    assert response["Location"] == "/"
    assert _signed_in_user(client) == user


def test_unknown_email_is_refused_with_a_clear_message(
    personas: Personas, entra: FakeEntra
) -> None:
    client = Client()
    response = sign_in_with_entra(client, entra, EntraAccount(email="stranger@example.gov.uk"))
    html = _refusal_page(client, response)
    assert NOT_SET_UP in html
    assert _signed_in_user(client) is None
    assert not AuditEvent.objects.filter(action="user.signed_in_oidc").exists()
    assert not User.objects.filter(email="stranger@example.gov.uk").exists()


def test_refusal_message_is_shown_once(personas: Personas, entra: FakeEntra) -> None:
    client = Client()
    sign_in_with_entra(client, entra, EntraAccount(email="stranger@example.gov.uk"))
    assert NOT_SET_UP in client.get("/sign-in/").content.decode()
    assert NOT_SET_UP not in client.get("/sign-in/").content.decode()


def test_user_with_no_membership_is_refused(entra: FakeEntra) -> None:
    user = UserFactory(username="nomember")
    client = Client()
    response = sign_in_with_entra(client, entra, _account_for(user))
    assert NO_COUNCIL in _refusal_page(client, response)
    assert _signed_in_user(client) is None
    user.refresh_from_db()
    assert user.oidc_subject is None


def test_user_whose_only_membership_ended_is_refused(personas: Personas, entra: FakeEntra) -> None:
    membership = personas.staff
    membership.is_active = False
    membership.save()
    client = Client()
    response = sign_in_with_entra(client, entra, _account_for(membership.user))
    assert NO_COUNCIL in _refusal_page(client, response)


def test_switched_off_user_is_refused_even_with_a_linked_subject(
    personas: Personas, entra: FakeEntra
) -> None:
    user = personas.officer.user
    account = _account_for(user)
    sign_in_with_entra(Client(), entra, account)
    user.is_active = False
    user.save()
    client = Client()
    response = sign_in_with_entra(client, entra, account)
    assert NOT_SET_UP in _refusal_page(client, response)


def test_email_match_cannot_take_over_an_account_linked_to_another_identity(
    personas: Personas, entra: FakeEntra
) -> None:
    user = personas.officer.user
    sign_in_with_entra(Client(), entra, _account_for(user))
    impostor = EntraAccount(email=user.email)  # same address, different object id
    client = Client()
    response = sign_in_with_entra(client, entra, impostor)
    assert NOT_SET_UP in _refusal_page(client, response)


def test_two_users_with_the_same_email_are_refused_rather_than_guessed(
    personas: Personas, entra: FakeEntra
) -> None:
    UserFactory(username="officer-duplicate", email=personas.officer.user.email.upper())
    client = Client()
    response = sign_in_with_entra(client, entra, _account_for(personas.officer.user))
    assert NOT_SET_UP in _refusal_page(client, response)


def test_preferred_username_matches_when_email_claim_is_absent(
    personas: Personas, entra: FakeEntra
) -> None:
    client = Client()
    sign_in_with_entra(client, entra, _account_for(personas.editor.user), email=None)
    assert _signed_in_user(client) == personas.editor.user


@pytest.mark.parametrize(
    "bad_claims",
    [
        pytest.param({"aud": "00000003-0000-0000-c000-000000000000"}, id="wrong audience"),
        pytest.param(
            {"iss": "https://login.microsoftonline.com/another-tenant/v2.0"}, id="wrong issuer"
        ),
        pytest.param({"iss": "https://sts.windows.net/tenant/"}, id="v1.0 issuer"),
        pytest.param({"nonce": "replayed-nonce"}, id="wrong nonce"),
        pytest.param({"nonce": None}, id="missing nonce"),
        pytest.param({"exp": int(time.time()) - 600}, id="expired"),
        pytest.param({"nbf": int(time.time()) + 600}, id="not yet valid"),
        pytest.param({"key": OTHER_KEY}, id="signed by another key"),
    ],
)
def test_bad_id_token_is_refused(
    personas: Personas, entra: FakeEntra, bad_claims: dict[str, Any]
) -> None:
    client = Client()
    account = _account_for(personas.officer.user)
    response = sign_in_with_entra(client, entra, account, **bad_claims)
    assert DID_NOT_WORK in _refusal_page(client, response)
    assert _signed_in_user(client) is None
    assert not AuditEvent.objects.filter(action="user.signed_in_oidc").exists()


def test_callback_with_a_state_this_browser_did_not_start_is_refused(
    personas: Personas, entra: FakeEntra
) -> None:
    victim = Client()
    start = Client().get("/oidc/authenticate/")  # someone else's sign-in
    callback = entra.authorize(start["Location"], _account_for(personas.officer.user))
    victim.get("/oidc/authenticate/")
    response = victim.get("/oidc/callback/" + callback)
    assert DID_NOT_WORK in _refusal_page(victim, response)
    assert entra.token_requests == []


def test_provider_error_is_refused_and_logged(
    entra: FakeEntra, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    start = client.get("/oidc/authenticate/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        "/oidc/callback/",
        {"error": "access_denied", "error_description": "AADSTS65004: declined", "state": state},
    )
    assert DID_NOT_WORK in _refusal_page(client, response)
    assert any(getattr(r, "error", "") == "access_denied" for r in caplog.records)


def test_token_endpoint_failure_is_refused(personas: Personas, entra: FakeEntra) -> None:
    client = Client()
    start = client.get("/oidc/authenticate/")
    callback = entra.authorize(start["Location"], _account_for(personas.officer.user))
    code = parse_qs(callback[1:])["code"][0]
    response = client.get("/oidc/callback/" + callback.replace(code, "0.AXkA-unknown"))
    assert DID_NOT_WORK in _refusal_page(client, response)


def test_failed_sign_in_logs_never_hold_tokens_codes_or_the_secret(
    personas: Personas, entra: FakeEntra, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client()
    start = client.get("/oidc/authenticate/")
    callback = entra.authorize(start["Location"], EntraAccount(email="stranger@example.gov.uk"))
    client.get("/oidc/callback/" + callback)
    id_token_claims = entra.issued[0]
    secrets_seen = [
        CLIENT_SECRET,
        parse_qs(callback[1:])["code"][0],
        entra.token_requests[0]["code_verifier"],
        id_token_claims["nonce"],
        "fake-graph-access-token",
        "eyJ",  # the start of every JWT
    ]
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "OIDC sign-in refused" in logged
    for secret in secrets_seen:
        assert secret not in logged


def test_switched_off_user_loses_their_entra_session(personas: Personas, entra: FakeEntra) -> None:
    client = Client()
    user = personas.officer.user
    sign_in_with_entra(client, entra, _account_for(user))
    assert _signed_in_user(client) == user
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _signed_in_user(client) is None


def test_password_sign_in_never_reaches_the_provider(personas: Personas, entra: FakeEntra) -> None:
    response = Client().post(
        "/sign-in/?code=abc&state=def", {"username": "officer", "password": "wrong password!"}
    )
    assert response.status_code == 200
    assert entra.token_requests == []


def test_session_changes_on_entra_sign_in(personas: Personas, entra: FakeEntra) -> None:
    client = Client()
    start = client.get("/oidc/authenticate/")
    before = client.session.session_key
    client.get(
        "/oidc/callback/" + entra.authorize(start["Location"], _account_for(personas.officer.user))
    )
    assert before is not None
    assert client.session.session_key != before
    assert _signed_in_user(client) == personas.officer.user
