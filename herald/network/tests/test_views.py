from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.network import services
from herald.network.demo import load_demo
from herald.network.ingest import ingest_files
from herald.network.models import Category, CategoryDomain, NetworkAlert, PolicyException

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(personas: Personas) -> dict[str, Category]:
    services.ensure_default_policy(council=personas.council, actor=SYSTEM)
    return {c.slug: c for c in Category.objects.filter(council=personas.council)}


def test_ict_changes_an_action_with_a_reason_and_a_version_is_made(
    personas: Personas, policy: dict[str, Category]
) -> None:
    client = personas.client_for(personas.ict)
    url = f"/network/categories/{policy['social'].public_id}/action/"
    refused = client.post(url, {"action": "block", "reason": ""})
    assert refused.status_code == 200
    assert "Enter reason for the change" in refused.text
    policy["social"].refresh_from_db()
    assert policy["social"].action == "allow"
    done = client.post(url, {"action": "block", "reason": "Pilot at the depot"})
    assert done.status_code == 302
    policy["social"].refresh_from_db()
    assert policy["social"].action == "block"
    latest = personas.council.network_versions.first()
    assert latest is not None
    assert latest.note.startswith("Social networking: Block")
    assert AuditEvent.objects.filter(
        action="network.category_action_changed", actor=personas.ict.user
    ).exists()


def test_an_import_with_bad_lines_shows_each_and_imports_nothing(
    personas: Personas, policy: dict[str, Category]
) -> None:
    client = personas.client_for(personas.ict)
    url = f"/network/categories/{policy['gambling'].public_id}/import/"
    response = client.post(url, {"domains": "bet365.com\nnot valid!\n0.0.0.0 betfair.com\n"})
    assert response.status_code == 200
    assert "1 lines have a problem, so nothing was imported" in response.text
    assert "not valid!" in response.text
    assert not CategoryDomain.objects.filter(category=policy["gambling"]).exists()
    ok = client.post(url, {"domains": "bet365.com\n0.0.0.0 betfair.com\n"})
    assert ok.status_code == 302
    assert CategoryDomain.objects.filter(category=policy["gambling"]).count() == 2
    remove = client.post(
        f"/network/categories/{policy['gambling'].public_id}/remove/", {"domain": "bet365.com"}
    )
    assert remove.status_code == 302
    assert (
        CategoryDomain.objects.filter(category=policy["gambling"], removed_at__isnull=True).count()
        == 1
    )


def test_an_exception_needs_a_future_expiry_and_can_be_revoked(
    personas: Personas, policy: dict[str, Category]
) -> None:
    client = personas.client_for(personas.ict)
    assert client.post("/network/groups/new/", {"name": ""}).status_code == 200
    made = client.post(
        "/network/groups/new/",
        {"name": "Licensing", "services": [personas.record_of(personas.staff).service_id]},
    )
    assert made.status_code == 302
    group = personas.council.network_groups.get()
    data = {
        "group": group.pk,
        "category": policy["gambling"].pk,
        "action": "allow_log",
        "business_reason": "Test purchases",
        "approver": personas.record_of(personas.line_manager).pk,
        "expires_on-day": "1",
        "expires_on-month": "1",
        "expires_on-year": "2020",
    }
    refused = client.post("/network/exceptions/new/", data)
    assert "The expiry date must be in the future" in refused.text
    later = datetime.date.today() + datetime.timedelta(days=30)
    data.update(
        {
            "expires_on-day": later.day,
            "expires_on-month": later.month,
            "expires_on-year": later.year,
        }
    )
    assert client.post("/network/exceptions/new/", data).status_code == 302
    exception = PolicyException.objects.get()
    assert client.post(f"/network/exceptions/{exception.public_id}/revoke/").status_code == 302
    exception.refresh_from_db()
    assert exception.revoked_at is not None
    compare = client.get("/network/versions/compare/?from=1&to=3")
    assert "Test purchases" in compare.text


def test_hr_opens_a_time_limited_audited_view_of_one_person(personas: Personas) -> None:
    load_demo(council=personas.council)
    client = personas.client_for(personas.hr)
    refused = client.post("/network/people/", {"staff_member": "", "days": 7})
    assert "Choose the staff member" in refused.text
    subject = personas.record_of(personas.staff)
    made = client.post(
        "/network/people/",
        {"staff_member": subject.pk, "case_reference": "HR-1", "reason": "Complaint", "days": 3},
    )
    assert made.status_code == 302
    page = client.get(made.headers["Location"])
    assert page.status_code == 200
    assert "HR case HR-1" in page.text
    assert AuditEvent.objects.filter(action="network.person_viewed").count() == 1
    grant = personas.council.network_person_grants.get()
    # Another HR person cannot use this grant; an expired one is gone.
    assert personas.client_for(personas.outsider).get(made.headers["Location"]).status_code == 404
    grant.expires_at = grant.expires_at - datetime.timedelta(days=4)
    grant.save()
    assert client.get(made.headers["Location"]).status_code == 404


def test_the_usage_report_shows_ingested_use_by_service_and_alerts_are_acknowledged(
    personas: Personas, tmp_path: Path
) -> None:
    load_demo(council=personas.council)
    now = timezone.now().timestamp()
    user = personas.record_of(personas.staff).email.split("@")[0]
    log = tmp_path / "access.log"
    log.write_text(
        f"{now - 60:.3f} 5 10.0.0.1 TCP_DENIED/403 3900 CONNECT www.bet365.com:443 {user} HIER_NONE/- -\n"
        f"{now - 30:.3f} 5 10.0.0.1 TCP_TUNNEL/200 7000000 CONNECT www.youtube.com:443 {user} HIER_DIRECT/1.2.3.4 -\n"
    )
    ingest_files(council=personas.council, paths=[str(log)])
    client = personas.client_for(personas.ict)
    page = client.get("/network/usage/")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "Gambling" in page.text
    assert "Libraries" in page.text  # the staff persona's service
    assert "7.0 MB" in page.text
    assert user not in page.text  # aggregated: nobody named
    bad = client.get("/network/usage/?start-day=31&start-month=2&start-year=2026")
    assert "Enter the start date as a real date" in bad.text
    alert = NetworkAlert.objects.create(
        council=personas.council,
        kind="blocked_repeats",
        day=datetime.date.today(),
        client="10.0.0.1",
        detail="25 attempts",
    )
    assert client.post(f"/network/alerts/{alert.public_id}/acknowledge/").status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None


def test_the_squid_download_holds_the_configuration(
    personas: Personas, policy: dict[str, Category]
) -> None:
    services.import_domains(category=policy["gambling"], text="bet365.com\n", actor=SYSTEM)
    response = personas.client_for(personas.admin).get("/network/squid/download.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"herald/herald-policy.conf", "herald/gambling.txt", "herald/policy.json"} <= names
    conf = archive.read("herald/herald-policy.conf").decode()
    assert 'acl herald_gambling dstdomain "/etc/squid/herald/gambling.txt"' in conf


def test_ict_sets_retention_and_alert_thresholds(personas: Personas) -> None:
    client = personas.client_for(personas.ict)
    refused = client.post(
        "/network/settings/",
        {"retention_days": 3, "blocked_alert_threshold": 20, "spike_factor": 5},
    )
    assert "Keep raw proxy logs for at least 7 days" in refused.text
    saved = client.post(
        "/network/settings/",
        {"retention_days": 30, "blocked_alert_threshold": 10, "spike_factor": 5},
    )
    assert saved.status_code == 302
    assert services.settings_for(personas.council).retention_days == 30
    event = AuditEvent.objects.get(action="network.settings_changed")
    assert event.changes["retention_days"] == [90, 30]


def test_ict_maps_a_proxy_identity_and_an_administrator_cannot(personas: Personas) -> None:
    subject = personas.record_of(personas.staff)
    data = {"kind": "address", "value": "10.1.2.3", "staff_member": subject.pk}
    assert personas.client_for(personas.admin).post("/network/identities/", data).status_code == 403
    client = personas.client_for(personas.ict)
    refused = client.post("/network/identities/", {**data, "value": "ten"})
    assert "Enter an IP address" in refused.text
    assert client.post("/network/identities/", data).status_code == 302
    identity = personas.council.network_identities.get()
    assert (identity.value, identity.staff_member) == ("10.1.2.3", subject)
    assert AuditEvent.objects.filter(action="network.identity_mapped").exists()


def test_the_warning_page_needs_no_sign_in_and_links_only_to_web_addresses() -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    page = client.get("/network/warn/?url=http://www.wetransfer.com/upload")
    assert page.status_code == 200
    assert 'href="http://www.wetransfer.com/upload"' in page.text
    hostile = client.get("/network/warn/?url=javascript:alert(1)")
    assert hostile.status_code == 200
    assert "javascript:" not in hostile.text
    assert "Continue to the site" not in hostile.text
