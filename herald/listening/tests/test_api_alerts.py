"""The alerts API: the council's alerts newest first with the page's status filter, and
acknowledging or closing through the lifecycle service (history and one audit event; a second
acknowledgement refused with a code and nothing changed). Managers only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Personas
from herald.api.testing import api_client
from herald.audit.models import AuditEvent
from herald.councils.models import Council
from herald.councils.roles import Role
from herald.listening.models import Alert, AlertRule, AlertStatusChange

pytestmark = pytest.mark.django_db
API = "/api/v1/listening/alerts/"


def _alert(council: Council, summary: str, status: str = "open", **fields: object) -> Alert:
    rule, _ = AlertRule.objects.get_or_create(
        council=council, name="Safeguarding", kind="high_risk"
    )
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    start -= datetime.timedelta(hours=Alert.objects.filter(rule=rule).count())
    return Alert.objects.create(
        council=council,
        rule=rule,
        summary=summary,
        status=status,
        window_start=start,
        window_end=start + datetime.timedelta(hours=1),
        **fields,
    )


def _acknowledge(client: Client, alert: Alert, note: str = "") -> Any:
    return client.post(
        f"{API}{alert.public_id}/acknowledge/", {"note": note}, content_type="application/json"
    )


def test_the_list_is_newest_first_with_the_pages_status_filter(personas: Personas) -> None:
    council = personas.council
    _alert(council, "First spike")
    _alert(council, "Escalated spike", status="escalated")
    _alert(council, "Closed spike", status="closed")
    _alert(personas.other_council, "Their spike")
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)

    def summaries(**params: str) -> list[str]:
        return [a["summary"] for a in client.get(API, params).json()["results"]]

    assert summaries() == ["Escalated spike", "First spike"]  # open and escalated
    assert summaries(status="closed") == ["Closed spike"]
    assert summaries(status="all") == ["Closed spike", "Escalated spike", "First spike"]
    first = client.get(API).json()["results"][1]
    assert first["rule"]["name"] == "Safeguarding"
    assert first["rule"]["kind"] == "high_risk"
    assert first["status"] == "open"
    assert first["acknowledged_by"] is None


def test_the_list_pages(personas: Personas) -> None:
    for n in range(3):
        _alert(personas.council, f"Spike {n}")
    client = api_client(personas.admin, Role.COUNCIL_ADMIN)
    first = client.get(API, {"page_size": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    second = client.get(API, {"page_size": 2, "page": 2}).json()
    assert [a["summary"] for a in second["results"]] == ["Spike 0"]
    assert second["next"] is None


def test_a_bad_status_is_a_json_400(personas: Personas) -> None:
    response = api_client(personas.digital_lead, Role.DIGITAL_TEAM).get(API, {"status": "lost"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "status" in response.json()["errors"]


def test_acknowledging_twice_is_refused_the_second_time_and_nothing_changes(
    personas: Personas,
) -> None:
    alert = _alert(personas.council, "Safeguarding mention")
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    done = _acknowledge(client, alert, note="With the DSL")
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "acknowledged"
    assert body["acknowledged_by"] == personas.digital_lead.user.display_name
    assert body["acknowledged_at"] is not None
    audited = AuditEvent.objects.filter(action="listening.alert_acknowledged")
    assert audited.count() == 1
    assert audited.get().changes == {"note": "With the DSL"}
    again = _acknowledge(client, alert)
    assert again.status_code == 400
    assert again.json()["code"] == "transition_not_allowed"
    assert audited.count() == 1
    assert AlertStatusChange.objects.filter(alert=alert).count() == 1
    alert.refresh_from_db()
    assert alert.acknowledged_by == personas.digital_lead.user


def test_an_alert_is_closed(personas: Personas) -> None:
    alert = _alert(personas.council, "Noise")
    client = api_client(personas.admin, Role.COUNCIL_ADMIN)
    closed = client.post(f"{API}{alert.public_id}/close/", {}, content_type="application/json")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert AuditEvent.objects.filter(action="listening.alert_closed").count() == 1
    refused = _acknowledge(client, alert)
    assert refused.json()["code"] == "transition_not_allowed"


def test_another_councils_alert_is_not_found_and_not_acknowledged(personas: Personas) -> None:
    theirs = _alert(personas.other_council, "Their spike")
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    missing = _acknowledge(client, theirs)
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert client.get(API, {"status": "all"}).json()["count"] == 0
    theirs.refresh_from_db()
    assert theirs.status == "open"
    assert client.post(f"{API}not-a-uuid/acknowledge/").json()["code"] == "not_found"


def test_readers_who_are_not_managers_may_not_see_or_acknowledge_alerts(
    personas: Personas,
) -> None:
    alert = _alert(personas.council, "Safeguarding mention")
    for member, role in [
        (personas.approver, Role.APPROVER),
        (personas.officer, Role.ACCOUNT_OWNER),
    ]:
        client = api_client(member, role)
        assert client.get(API).json()["code"] == "role_not_allowed"
        refused = _acknowledge(client, alert)
        assert refused.status_code == 403
    alert.refresh_from_db()
    assert alert.status == "open"
