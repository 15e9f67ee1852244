"""Housekeeping's findings from other contexts: channel connections and suspended publishing rights."""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.estate import connections, services
from herald.estate.connections import ConnectionHealth
from herald.estate.models import Finding, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate
from herald.learning.models import RightsSuspension

pytestmark = pytest.mark.django_db
K = Finding.Kind
TODAY = datetime.date(2027, 6, 1)


def kinds(account: SocialAccount) -> set[str]:
    return set(account.findings.open().values_list("kind", flat=True))


def healthy(personas: Personas, estate: Estate) -> SocialAccount:
    return make_account(
        council=personas.council, service=estate.service, owner=estate.owner, deputy=estate.deputy
    )


class FakeChannels:
    """Stands in for the channels context: whatever health each account is given."""

    def __init__(self) -> None:
        self.health: dict[int, ConnectionHealth] = {}

    def __call__(self, council: Council, account_ids: Iterable[int]) -> dict[int, ConnectionHealth]:
        wanted = set(account_ids)
        return {pk: state for pk, state in self.health.items() if pk in wanted}


@pytest.fixture
def channels() -> Iterator[FakeChannels]:
    fake = FakeChannels()
    connections.register_provider(fake)
    yield fake
    connections.unregister_provider(fake)


@time_machine.travel(TODAY)
def test_with_no_provider_no_account_is_connected(personas: Personas, estate: Estate) -> None:
    account = healthy(personas, estate)
    assert connections.connection_health(council=personas.council, account_ids=[account.pk]) == {}
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(account) == set()


@time_machine.travel(TODAY)
def test_a_failing_connection_is_a_high_finding_that_closes_when_it_recovers(
    personas: Personas, estate: Estate, channels: FakeChannels
) -> None:
    account = healthy(personas, estate)
    since = timezone.make_aware(datetime.datetime(2027, 5, 28, 9, 0))
    channels.health[account.pk] = ConnectionHealth(failing_since=since, last_error="Token revoked")
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    finding = account.findings.open().get()
    assert (finding.kind, finding.severity) == (K.CONNECTION_FAILING, "high")
    assert "28 May 2027" in finding.detail
    assert "Token revoked" in finding.detail
    assert finding.assignee == estate.owner
    channels.health[account.pk] = ConnectionHealth()
    result = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert result.resolved == 1
    assert kinds(account) == set()


@time_machine.travel(TODAY)
def test_a_token_expiring_within_the_councils_window_is_a_medium_finding(
    personas: Personas, estate: Estate, channels: FakeChannels
) -> None:
    soon, later = healthy(personas, estate), healthy(personas, estate)
    channels.health[soon.pk] = ConnectionHealth(expires_on=TODAY + datetime.timedelta(days=14))
    channels.health[later.pk] = ConnectionHealth(expires_on=TODAY + datetime.timedelta(days=15))
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(soon) == {K.CONNECTION_EXPIRING}
    assert kinds(later) == set()
    assert soon.findings.get().severity == "medium"
    settings = services.estate_settings(council=personas.council)
    settings.connection_expiry_days = 30
    settings.save()
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(later) == {K.CONNECTION_EXPIRING}
    channels.health[soon.pk] = ConnectionHealth(connected=False)  # disconnected on purpose
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(soon) == set()


def suspend(personas: Personas, membership_name: str) -> RightsSuspension:
    membership = getattr(personas, membership_name)
    return RightsSuspension.objects.create(
        council=personas.council,
        staff_member=membership.staff_member,
        membership=membership,
        role="editor",
        reason="training lapsed",
    )


@time_machine.travel(TODAY)
def test_a_deputys_suspended_rights_are_a_finding_and_the_owner_is_told_once(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: Any
) -> None:
    account = healthy(personas, estate)
    suspension = suspend(personas, "staff")  # the deputy
    mail.outbox.clear()

    def check() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            services.run_housekeeping(council=personas.council, actor=SYSTEM)

    check()
    finding = account.findings.open().get()
    assert (finding.kind, finding.severity) == (K.RIGHTS_SUSPENDED, "high")
    assert estate.deputy.full_name in finding.detail
    assert "editor" in finding.detail
    assert [m.to for m in mail.outbox] == [[estate.owner.email]]
    assert account.name in mail.outbox[0].subject
    check()
    assert len(mail.outbox) == 1  # not on every re-run
    RightsSuspension.objects.filter(pk=suspension.pk).update(restored_at=timezone.now())
    check()
    assert kinds(account) == set()


@time_machine.travel(TODAY)
def test_when_the_owner_is_suspended_the_digital_team_is_told(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: Any
) -> None:
    account = healthy(personas, estate)
    suspend(personas, "officer")  # the owner
    other = make_account(council=personas.council, service=estate.service, owner=estate.deputy)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(account) == {K.RIGHTS_SUSPENDED}
    assert K.RIGHTS_SUSPENDED not in kinds(other)
    assert [m.to for m in mail.outbox] == [[personas.digital_lead.user.email]]
