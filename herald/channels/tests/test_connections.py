"""Connections: connect (credentials encrypted, never echoed, never audited), disconnect, health
checks, and the estate finding raised before expiring credentials break publishing."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.channels import clients, services
from herald.channels.demo import load_demo
from herald.channels.fakes.mastodon import FakeMastodon
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate import services as estate_services
from herald.estate.models import Finding, SocialAccount
from herald.estate.testing import make_account

pytestmark = pytest.mark.django_db
S = ChannelConnection.Status
SECRET = "tok-very-secret-123"


@pytest.fixture
def account(personas: Personas) -> SocialAccount:
    return make_account(council=personas.council, service=ServiceFactory(council=personas.council))


def test_connect_to_the_sandbox_from_the_page_and_audit_without_secrets(
    personas: Personas, account: SocialAccount
) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/channels/connections/connect/",
        {"account": str(account.public_id), "network": "sandbox"},
    )
    assert response.status_code == 302
    connection = ChannelConnection.objects.get(account=account)
    assert connection.status == S.CONNECTED
    assert connection.network == "sandbox"
    token = connection.credentials.reveal()["access_token"]
    # Encrypted at rest: the raw column does not contain the token.
    raw = ChannelConnection.objects.filter(pk=connection.pk).values_list("credentials", flat=True)
    assert token not in str(list(raw))
    event = AuditEvent.objects.get(action="channels.connect")
    assert token not in str(event.changes)
    assert token not in event.summary
    page = client.get(f"/channels/connections/{connection.public_id}/")
    assert token not in page.text
    assert "Stored encrypted; never shown" in page.text


def test_mastodon_form_errors_never_echo_the_token(
    personas: Personas, account: SocialAccount
) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/channels/connections/connect/",
        {"account": str(account.public_id), "network": "mastodon", "access_token": SECRET},
    )
    assert response.status_code == 200
    assert "Enter the Mastodon server" in response.text
    assert "govuk-error-summary" in response.text
    assert SECRET not in response.text
    assert not ChannelConnection.objects.exists()


def test_an_account_of_another_council_cannot_be_connected(personas: Personas) -> None:
    theirs = make_account(
        council=personas.other_council, service=ServiceFactory(council=personas.other_council)
    )
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/channels/connections/connect/", {"account": str(theirs.public_id), "network": "sandbox"}
    )
    assert response.status_code == 200
    assert not ChannelConnection.objects.exists()


def test_disconnect_forgets_credentials_and_is_audited(
    personas: Personas, account: SocialAccount
) -> None:
    connection = services.connect(
        council=personas.council, account=account, network="sandbox", actor=SYSTEM
    )
    client = personas.client_for(personas.admin)
    client.post(f"/channels/connections/{connection.public_id}/disconnect/")
    connection.refresh_from_db()
    assert connection.status == S.DISCONNECTED
    assert connection.credentials is None
    assert AuditEvent.objects.filter(action="channels.disconnect").exists()
    # Reconnecting works and is audited as such.
    services.connect(council=personas.council, account=account, network="sandbox", actor=SYSTEM)
    assert AuditEvent.objects.filter(action="channels.reconnect").exists()


def test_health_check_records_failing_since_and_recovery(
    personas: Personas, account: SocialAccount
) -> None:
    fake = FakeMastodon()
    made = fake.add_account("aldermoor")
    connection = services.connect(
        council=personas.council,
        account=account,
        network="mastodon",
        actor=SYSTEM,
        base_url=fake.host,
        external_id=made["id"],
        credentials={"access_token": made["access_token"]},
    )
    with clients.use_transport("mastodon", httpx.MockTransport(fake)):
        assert services.check_health(connection=connection) is True
        fake.revoke(token=made["access_token"])
        assert services.check_all() == {"checked": 1, "failing": 1}
    connection.refresh_from_db()
    assert connection.status == S.FAILING
    assert connection.failing_since is not None
    assert "access token is invalid" in connection.last_error
    assert made["access_token"] not in connection.last_error
    # Housekeeping turns it into a finding on the account.
    estate_services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert Finding.objects.filter(
        account=account, kind=Finding.Kind.CONNECTION_FAILING, resolved_at__isnull=True
    ).exists()


def test_credentials_expiring_soon_become_an_estate_finding(
    personas: Personas, account: SocialAccount
) -> None:
    services.connect(
        council=personas.council,
        account=account,
        network="mastodon",
        actor=SYSTEM,
        base_url="https://social.example",
        external_id="1",
        credentials={"access_token": SECRET},
        token_expires_at=timezone.now() + datetime.timedelta(days=5),
    )
    estate_services.run_housekeeping(council=personas.council, actor=SYSTEM)
    finding = Finding.objects.get(account=account, kind=Finding.Kind.CONNECTION_EXPIRING)
    assert "reconnect" in finding.detail
    assert SECRET not in finding.detail


def test_a_refreshable_connection_is_not_flagged_for_its_short_access_token(
    personas: Personas, account: SocialAccount
) -> None:
    connection = services.connect(
        council=personas.council, account=account, network="sandbox", actor=SYSTEM
    )
    ChannelConnection.objects.filter(pk=connection.pk).update(
        token_expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    estate_services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert not Finding.objects.filter(
        account=account, kind=Finding.Kind.CONNECTION_EXPIRING
    ).exists()


def test_demo_connects_about_eight_accounts_idempotently(personas: Personas) -> None:
    service = ServiceFactory(council=personas.council)
    for n in range(10):
        make_account(council=personas.council, service=service, handle=f"Demo{n}")
    load_demo(council=personas.council)
    load_demo(council=personas.council)
    assert (
        ChannelConnection.objects.filter(council=personas.council, network="sandbox").count() == 8
    )
