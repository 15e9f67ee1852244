import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conftest import Personas
from herald.audit.models import AuditEvent, AuditEventIsAppendOnly
from herald.audit.selectors import audit_actions
from herald.audit.services import SYSTEM, Actor, diff, record

pytestmark = pytest.mark.django_db


def _event(personas: Personas, summary: str = "Changed something") -> AuditEvent:
    return record(
        council=personas.council,
        actor=Actor(user=personas.admin.user, ip_address="192.0.2.1"),
        action="test.changed",
        summary=summary,
        target=personas.record_of(personas.staff),
        changes={"job_title": ["Officer", "Senior officer"]},
    )


def test_record_keeps_actor_target_changes_and_address(personas: Personas) -> None:
    event = _event(personas)
    event.refresh_from_db()
    assert event.actor == personas.admin.user
    assert event.actor_label == personas.admin.user.display_name
    assert event.target_type == "people.staffmember"
    assert event.target_id == str(personas.record_of(personas.staff).public_id)
    assert event.ip_address == "192.0.2.1"
    assert event.changes == {"job_title": ["Officer", "Senior officer"]}


def test_system_actor_is_labelled() -> None:
    assert SYSTEM.display == "Herald (automatic)"


def test_an_event_cannot_be_changed(personas: Personas) -> None:
    event = _event(personas)
    event.summary = "Rewritten history"
    with pytest.raises(AuditEventIsAppendOnly):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).summary == "Changed something"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk(personas: Personas) -> None:
    event = _event(personas)
    with pytest.raises(AuditEventIsAppendOnly):
        event.delete()
    with pytest.raises(AuditEventIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditEventIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(summary="x")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_diff_lists_only_changed_fields() -> None:
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


def test_administrator_sees_and_filters_their_councils_events(personas: Personas) -> None:
    _event(personas, summary="Wessex change")
    record(
        council=personas.other_council, actor=SYSTEM, action="test.changed", summary="Mercia change"
    )
    client = personas.client_for(personas.admin)
    page = client.get("/audit/").content.decode()
    assert "Wessex change" in page
    assert "Mercia change" not in page
    record(council=personas.council, actor=SYSTEM, action="other.thing", summary="Other change")
    filtered = client.get("/audit/", {"action": "other.thing"}).content.decode()
    assert "Wessex change" not in filtered
    assert "Other change" in filtered
    unknown = client.get("/audit/", {"action": "nothing.like.this"}).content.decode()
    assert "There is a problem" in unknown


def test_a_bad_date_filter_shows_an_error_summary(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    response = client.get("/audit/", {"since": "2026-13-45"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "From must be a real date" in page


def test_only_administrators_reach_the_audit_trail(personas: Personas) -> None:
    for membership in (personas.hr, personas.digital_lead, personas.staff, personas.line_manager):
        assert personas.client_for(membership).get("/audit/").status_code == 403


def test_the_admin_site_cannot_add_change_or_delete_events(personas: Personas) -> None:
    event = _event(personas)
    superuser = get_user_model().objects.create_superuser("root", "root@example.gov.uk", "x" * 16)
    client = Client()
    client.force_login(superuser)
    base = "/django-admin/audit/auditevent/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{base}{event.pk}/change/", {"summary": "Rewritten"})
    assert AuditEvent.objects.get(pk=event.pk).summary == "Changed something"


def test_the_action_filter_lists_each_action_once(personas: Personas) -> None:
    for _ in range(3):
        _event(personas)
    record(council=personas.council, actor=SYSTEM, action="a.first", summary="x")
    assert audit_actions(council=personas.council) == ["a.first", "test.changed"]
