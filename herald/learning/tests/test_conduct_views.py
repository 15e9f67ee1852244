"""Conduct records over HTTP: recording, advice, outcome, the 404 for everyone else."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.core.testing import make_member
from herald.learning.models import ConductRecord, LearningSettings
from herald.learning.services import conduct as services
from herald.learning.testing import make_conduct_record, make_next_manager


def detail(matter: ConductRecord) -> str:
    return f"/learning/conduct/{matter.public_id}/"


def viewed() -> int:
    return AuditEvent.objects.filter(action="learning.conduct_record_viewed").count()


def test_the_manager_records_a_matter_from_their_team(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    client = personas.client_for(personas.line_manager)
    url = f"/learning/conduct/new/{staff.public_id}/"

    team = client.get("/learning/team/").content.decode()
    empty = client.post(url, {"occurred_on-day": "31", "occurred_on-month": "2"})
    done = client.post(
        url,
        {
            "kind": "conduct",
            "occurred_on-day": "3",
            "occurred_on-month": "11",
            "occurred_on-year": "2026",
            "summary": "Argued with a resident from a personal account",
        },
    )

    assert url in team
    body = empty.content.decode()
    assert "govuk-error-summary" in body
    assert "Select whether it is about conduct or performance" in body
    assert "Enter what happened" in body
    matter = ConductRecord.objects.get()
    assert done["Location"] == detail(matter)
    assert matter.raised_by == personas.record_of(personas.line_manager)
    page = client.get(detail(matter)).content.decode()
    assert "Argued with a resident" in page
    assert viewed() == 1
    assert detail(matter) in client.get("/learning/team/").content.decode()


def test_a_matter_can_be_recorded_only_about_your_own_reports(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    for persona in (personas.hr, personas.admin, personas.outsider):
        response = personas.client_for(persona).get(f"/learning/conduct/new/{staff.public_id}/")
        assert response.status_code in (403, 404)
    head = make_next_manager(manager=personas.record_of(personas.line_manager))
    response = personas.client_for(head).get(f"/learning/conduct/new/{staff.public_id}/")
    assert response.status_code == 404


SEES = {"line_manager", "hr"}


@pytest.mark.parametrize(
    "persona",
    [
        "officer",
        "editor",
        "approver",
        "digital_lead",
        "ict",
        "hr",
        "line_manager",
        "staff",
        "ambassador",
        "committee",
        "admin",
        "outsider",
    ],
)
def test_only_the_manager_next_manager_and_hr_see_a_record(
    personas: Personas, persona: str
) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))

    response = personas.client_for(getattr(personas, persona)).get(detail(matter))

    assert response.status_code == (200 if persona in SEES else 404)
    assert viewed() == (1 if persona in SEES else 0)


def test_the_next_manager_sees_it_and_a_former_manager_does_not(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    head = make_next_manager(manager=personas.record_of(personas.line_manager))
    matter = make_conduct_record(staff_member=staff)
    assert personas.client_for(head).get(detail(matter)).status_code == 200
    assert detail(matter) in personas.client_for(head).get("/learning/team/").content.decode()

    new_manager = make_member(council=personas.council, username="newboss")
    staff.line_manager = new_manager.staff_member
    staff.save(update_fields=["line_manager"])

    assert personas.client_for(personas.line_manager).get(detail(matter)).status_code == 404
    assert personas.client_for(head).get(detail(matter)).status_code == 404
    assert personas.client_for(new_manager).get(detail(matter)).status_code == 200
    team = personas.client_for(personas.line_manager).get("/learning/team/").content.decode()
    assert detail(matter) not in team


def test_hr_adds_advice_and_the_manager_closes_with_an_outcome(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    hr = personas.client_for(personas.hr)
    manager = personas.client_for(personas.line_manager)

    blank = hr.post(detail(matter), {"form": "note", "body": ""})
    hr.post(detail(matter), {"form": "note", "body": "Use the informal stage first"})
    refused = manager.post(detail(matter), {"form": "note", "body": "Mine"})
    no_outcome = manager.post(detail(matter), {"form": "outcome", "outcome": ""})
    closed = manager.post(detail(matter), {"form": "outcome", "outcome": "Informal warning"})

    assert "Enter the advice" in blank.content.decode()
    assert "govuk-error-summary" in blank.content.decode()
    assert refused.status_code == 403
    assert "Enter the outcome" in no_outcome.content.decode()
    assert closed.status_code == 302
    matter.refresh_from_db()
    assert matter.status == ConductRecord.Status.CLOSED
    assert matter.outcome == "Informal warning"
    assert [n.body for n in matter.notes.all()] == ["Use the informal stage first"]
    page = manager.get(detail(matter)).content.decode()
    assert "Use the informal stage first" in page
    assert "Record outcome and close" not in page
    assert viewed() == 3, "each page shown (two with errors, then the closed record)"


def test_the_next_manager_may_read_but_not_close(personas: Personas) -> None:
    head = make_next_manager(manager=personas.record_of(personas.line_manager))
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))

    response = personas.client_for(head).post(detail(matter), {"form": "outcome", "outcome": "x"})

    assert response.status_code == 403
    matter.refresh_from_db()
    assert matter.status == ConductRecord.Status.OPEN


def test_hr_lists_open_records_and_sets_retention(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    hr = personas.client_for(personas.hr)

    assert "/learning/conduct/" in hr.get("/learning/compliance/").content.decode()
    digital = personas.client_for(personas.digital_lead).get("/learning/compliance/")
    assert "/learning/conduct/" not in digital.content.decode()
    listing = hr.get("/learning/conduct/").content.decode()
    bad = hr.post("/learning/conduct/", {"months": "0"})
    good = hr.post("/learning/conduct/", {"months": "36"})

    assert detail(matter) in listing
    assert "Keep records for at least 1 month" in bad.content.decode()
    assert good.status_code == 302
    assert LearningSettings.objects.get(council=personas.council).conduct_retention_months == 36
    assert personas.client_for(personas.line_manager).get("/learning/conduct/").status_code == 403
    outsider = personas.client_for(personas.outsider).get("/learning/conduct/").content.decode()
    assert detail(matter) not in outsider


def test_an_erased_record_shows_only_its_tombstone(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    services.close_conduct_record(matter=matter, outcome="Final written warning", actor=SYSTEM)
    services.set_conduct_retention(council=personas.council, months=1, actor=SYSTEM)
    later = timezone.now() + datetime.timedelta(days=40)
    with time_machine.travel(later):
        services.erase_expired_conduct_records(council=personas.council)

    page = personas.client_for(personas.hr).get(detail(matter)).content.decode()

    assert "Erased on" in page
    assert "Final written warning" not in page
    assert "Posted about a resident" not in page
    assert "Add advice" not in page
