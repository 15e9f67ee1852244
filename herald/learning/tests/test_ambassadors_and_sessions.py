"""Ambassadors approved by their line manager; sessions with capacity, attendance and feedback."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.councils.roles import Role
from herald.learning.models import Ambassador, SessionBooking
from herald.learning.services.people import (
    AlreadyNominated,
    FeedbackNotAllowed,
    NotTheirLineManager,
    SessionFull,
    book_place,
    decide_nomination,
    give_feedback,
    nominate_ambassador,
    record_attendance,
    schedule_session,
)


def test_the_line_manager_approves_a_nomination_and_the_role_follows(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    nomination = nominate_ambassador(
        council=personas.council, staff_member=staff, reason="Keen", actor=SYSTEM
    )

    decide_nomination(
        nomination=nomination,
        approve=True,
        decided_by=personas.record_of(personas.line_manager),
        actor=SYSTEM,
    )

    assert nomination.status == Ambassador.Status.APPROVED
    assert personas.staff.role_assignments.filter(role=Role.AMBASSADOR).exists()
    assert AuditEvent.objects.filter(action="ambassador.approved").exists()


def test_only_the_line_manager_decides_and_only_once(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    nomination = nominate_ambassador(
        council=personas.council, staff_member=staff, reason="Keen", actor=SYSTEM
    )

    with pytest.raises(NotTheirLineManager):
        decide_nomination(
            nomination=nomination,
            approve=True,
            decided_by=personas.record_of(personas.hr),
            actor=SYSTEM,
        )
    with pytest.raises(AlreadyNominated):
        nominate_ambassador(
            council=personas.council, staff_member=staff, reason="Again", actor=SYSTEM
        )


def test_the_manager_decides_on_the_team_page(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    nomination = nominate_ambassador(
        council=personas.council, staff_member=staff, reason="Keen", actor=SYSTEM
    )
    client = personas.client_for(personas.line_manager)

    assert "Keen" in client.get("/learning/team/").content.decode()
    response = client.post(
        f"/learning/ambassadors/{nomination.public_id}/decide/", {"decision": "decline"}
    )

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.status == Ambassador.Status.DECLINED
    assert (
        personas.client_for(personas.hr)
        .post(f"/learning/ambassadors/{nomination.public_id}/decide/", {"decision": "approve"})
        .status_code
        == 403
    )


def test_a_full_session_refuses_more_bookings(personas: Personas) -> None:
    session = schedule_session(
        council=personas.council,
        title="Writing for social media",
        location="Room 1",
        capacity=1,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        service=None,
        actor=SYSTEM,
    )
    book_place(session=session, staff_member=personas.record_of(personas.staff), actor=SYSTEM)
    book_place(session=session, staff_member=personas.record_of(personas.staff), actor=SYSTEM)

    with pytest.raises(SessionFull):
        book_place(session=session, staff_member=personas.record_of(personas.editor), actor=SYSTEM)
    assert SessionBooking.objects.count() == 1


def test_feedback_only_after_attending(personas: Personas) -> None:
    session = schedule_session(
        council=personas.council,
        title="Safeguarding online",
        location="Room 2",
        capacity=5,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        service=None,
        actor=SYSTEM,
    )
    booking = book_place(
        session=session, staff_member=personas.record_of(personas.staff), actor=SYSTEM
    )

    with pytest.raises(FeedbackNotAllowed):
        give_feedback(booking=booking, rating=5, comment="", actor=SYSTEM)
    record_attendance(booking=booking, attended=True, actor=SYSTEM)
    give_feedback(
        booking=booking, rating=4, comment="Useful", actor=Actor(user=personas.staff.user)
    )

    booking.refresh_from_db()
    assert (booking.feedback_rating, booking.feedback_comment) == (4, "Useful")


def test_session_pages(personas: Personas) -> None:
    hr = personas.client_for(personas.hr)
    refused = hr.post("/learning/sessions/new/", {"title": ""})
    created = hr.post(
        "/learning/sessions/new/",
        {
            "title": "Pre-election period",
            "service": "",
            "day-day": "1",
            "day-month": "3",
            "day-year": "2030",
            "time": "10:00",
            "location": "Council chamber",
            "capacity": "20",
        },
    )
    session = personas.council.training_sessions.get()
    staff = personas.client_for(personas.staff)
    booked = staff.post("/learning/sessions/", {"session": str(session.public_id)})

    assert "Enter a title" in refused.content.decode()
    assert created.status_code == 302
    assert booked.status_code == 302
    assert session.bookings.count() == 1
    assert "Pre-election period" in staff.get("/learning/sessions/").content.decode()
    assert (
        personas.client_for(personas.outsider)
        .get(f"/learning/sessions/{session.public_id}/")
        .status_code
        == 404
    )
    assert staff.get("/learning/sessions/new/").status_code == 403
