"""Password sign-in locks out a username, or an address, after too many failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone
from pytest_django.fixtures import Settings

from conftest import Personas
from herald.accounts.backends import SignInThrottled, ThrottledModelBackend
from herald.accounts.models import LoginFailure
from herald.audit.models import AuditEvent
from herald.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "There have been too many attempts to sign in. Wait 15 minutes, then try again."
WRONG = "Enter a correct username and password"
OFFICE_IP = "203.0.113.7"


@pytest.fixture(autouse=True)
def _limits(settings: Settings) -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60


def _attempt(username: str, password: str, ip_address: str = OFFICE_IP) -> Any:
    return Client(REMOTE_ADDR=ip_address).post(
        "/sign-in/", {"username": username, "password": password}
    )


def _fail(username: str, times: int, ip_address: str = OFFICE_IP) -> None:
    for _ in range(times):
        assert WRONG in _attempt(username, "wrong password", ip_address).content.decode()


def test_username_is_locked_after_the_failure_limit(personas: Personas) -> None:
    _fail("officer", 3)
    response = _attempt("officer", TEST_PASSWORD)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert response.wsgi_request.user.is_anonymous


def test_one_failure_fewer_than_the_limit_still_lets_the_person_in(personas: Personas) -> None:
    _fail("officer", 2)
    assert _attempt("officer", TEST_PASSWORD).status_code == 302


def test_username_lock_holds_from_any_address_and_any_letter_case(personas: Personas) -> None:
    _fail("officer", 3)
    assert LOCKED in _attempt("OFFICER", TEST_PASSWORD, "192.0.2.99").content.decode()


def test_attempts_while_locked_are_not_counted(personas: Personas) -> None:
    _fail("officer", 3)
    _attempt("officer", "another wrong password")
    assert LoginFailure.objects.count() == 3


def test_lock_clears_after_the_window(personas: Personas) -> None:
    _fail("officer", 3)
    with time_machine.travel(timezone.now() + timedelta(minutes=14), tick=False):
        assert LOCKED in _attempt("officer", TEST_PASSWORD).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=1), tick=False):
        assert _attempt("officer", TEST_PASSWORD).status_code == 302


def test_lockout_message_follows_the_window_setting(personas: Personas, settings: Settings) -> None:
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 30 * 60
    _fail("officer", 3)
    assert "Wait 30 minutes, then try again." in _attempt("officer", "x").content.decode()


def test_address_is_locked_after_four_times_the_limit(personas: Personas) -> None:
    for number in range(12):  # 4 x 3 failures, each for a different username
        _fail(f"guess{number}", 1)
    assert LOCKED in _attempt("officer", TEST_PASSWORD).content.decode()
    assert _attempt("officer", TEST_PASSWORD, "192.0.2.99").status_code == 302


def test_address_is_not_locked_one_failure_before_four_times_the_limit(
    personas: Personas,
) -> None:
    for number in range(11):
        _fail(f"guess{number}", 1)
    assert _attempt("officer", TEST_PASSWORD).status_code == 302


def test_username_lockout_is_audited_once_in_the_persons_council(personas: Personas) -> None:
    _fail("officer", 3)
    _attempt("officer", "still wrong")
    event = AuditEvent.objects.get(action="user.sign_in_locked")
    assert event.council == personas.council
    assert event.target_id == str(personas.officer.user.public_id)
    assert event.ip_address == OFFICE_IP
    assert event.changes == {"locked_by": "username"}
    assert "'officer' locked for 15 minutes" in event.summary


def test_lockout_of_an_unknown_username_is_audited_without_a_council(db: None) -> None:
    _fail("nobody", 3)
    event = AuditEvent.objects.get(action="user.sign_in_locked")
    assert event.council is None
    assert event.target_id == ""


def test_address_lockout_is_audited(personas: Personas) -> None:
    for number in range(12):
        _fail(f"guess{number}", 1)
    event = AuditEvent.objects.get(action="user.sign_in_locked")
    assert event.changes == {"locked_by": "ip_address"}
    assert f"Sign-in from {OFFICE_IP} locked" in event.summary


def test_backend_refuses_a_locked_username_even_with_the_right_password(
    personas: Personas, rf: RequestFactory
) -> None:
    _fail("officer", 3)
    request = rf.post("/sign-in/", REMOTE_ADDR="192.0.2.99")
    assert authenticate(request, username="officer", password=TEST_PASSWORD) is None
    assert ThrottledModelBackend().authenticate(request, username="x", password="y") is None
    with pytest.raises(SignInThrottled):
        ThrottledModelBackend().authenticate(request, username="officer", password=TEST_PASSWORD)
