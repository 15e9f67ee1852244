"""Restricted conduct records: the rules, who may see them, audit of every view, erasure."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.core.errors import DomainError
from herald.core.testing import make_member
from herald.core.transitions import TransitionNotAllowed
from herald.learning import conduct_access
from herald.learning.models import ConductRecord
from herald.learning.services import conduct as services
from herald.learning.tasks import erase_expired_conduct_records
from herald.learning.testing import make_conduct_record, make_next_manager


def actor(personas: Personas, name: str) -> Actor:
    return Actor(user=getattr(personas, name).user)


def test_the_line_manager_opens_a_record_with_history_and_audit(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)

    matter = make_conduct_record(staff_member=staff, summary="Shared a confidential email")

    assert (matter.status, matter.raised_by) == (ConductRecord.Status.OPEN, staff.line_manager)
    assert [str(c) for c in matter.status_changes.all()] == ["new → open"]
    event = AuditEvent.objects.get(action="learning.conduct_record_opened")
    assert event.target_id == str(matter.public_id)
    assert "confidential" not in event.summary + event.target_label
    assert staff.full_name not in event.summary + event.target_label


def test_only_the_line_manager_may_open_one(personas: Personas) -> None:
    with pytest.raises(services.NotTheirLineManager):
        services.open_conduct_record(
            council=personas.council,
            staff_member=personas.record_of(personas.staff),
            raised_by=personas.record_of(personas.hr),
            kind="conduct",
            summary="x",
            occurred_on=timezone.localdate(),
            actor=SYSTEM,
        )
    assert not ConductRecord.objects.exists()


def test_a_future_date_is_refused(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    with pytest.raises(DomainError):
        services.open_conduct_record(
            council=personas.council,
            staff_member=staff,
            raised_by=personas.record_of(personas.line_manager),
            kind="performance",
            summary="x",
            occurred_on=timezone.localdate() + datetime.timedelta(days=1),
            actor=SYSTEM,
        )


def test_advice_is_appended_and_closing_records_the_outcome(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))

    services.add_advice_note(matter=matter, body="Follow the disciplinary policy", actor=SYSTEM)
    services.close_conduct_record(
        matter=matter, outcome="Informal warning", actor=actor(personas, "line_manager")
    )

    matter.refresh_from_db()
    assert (matter.status, matter.outcome) == (ConductRecord.Status.CLOSED, "Informal warning")
    assert matter.closed_by == personas.line_manager.user
    assert matter.closed_at is not None
    assert [n.body for n in matter.notes.all()] == ["Follow the disciplinary policy"]
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "learning.conduct_record_opened",
        "learning.conduct_note_added",
        "learning.conduct_record_closed",
    }
    with pytest.raises(TransitionNotAllowed):
        services.close_conduct_record(matter=matter, outcome="Again", actor=SYSTEM)


def test_a_view_is_audited(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))

    services.record_conduct_view(matter=matter, actor=actor(personas, "hr"))

    event = AuditEvent.objects.get(action="learning.conduct_record_viewed")
    assert (event.actor, event.target_id) == (personas.hr.user, str(matter.public_id))


def test_who_may_see_follows_the_line_management_chain_now(personas: Personas) -> None:
    staff = personas.record_of(personas.staff)
    manager = personas.record_of(personas.line_manager)
    head = make_next_manager(manager=manager)
    matter = make_conduct_record(staff_member=staff)

    def sees(who: object, *, is_hr: bool = False) -> bool:
        matter.staff_member.refresh_from_db()
        return conduct_access.may_see(matter, viewer=who, is_hr=is_hr)  # type: ignore[arg-type]

    assert sees(manager)
    assert sees(head.staff_member)
    assert sees(None, is_hr=True)
    assert not sees(staff)
    assert not sees(personas.record_of(personas.admin))
    assert not sees(personas.record_of(personas.digital_lead))

    new_manager = make_member(council=personas.council, username="newboss").staff_member
    staff.line_manager = new_manager
    staff.save(update_fields=["line_manager"])

    assert sees(new_manager)
    assert not sees(manager), "the former manager loses sight of it"
    assert not sees(head.staff_member), "and so does the former next manager"


def test_only_hr_adds_notes_and_only_manager_or_hr_close(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    manager = personas.record_of(personas.line_manager)
    head = make_next_manager(manager=manager)
    matter.staff_member.refresh_from_db()

    assert conduct_access.may_add_note(matter, is_hr=True)
    assert not conduct_access.may_add_note(matter, is_hr=False)
    assert conduct_access.may_close(matter, viewer=manager, is_hr=False)
    assert conduct_access.may_close(matter, viewer=None, is_hr=True)
    assert not conduct_access.may_close(matter, viewer=head.staff_member, is_hr=False)


def close_on(matter: ConductRecord, when: datetime.datetime) -> None:
    with time_machine.travel(when, tick=False):
        services.close_conduct_record(matter=matter, outcome="Final written warning", actor=SYSTEM)


def test_content_is_erased_after_the_retention_period(personas: Personas) -> None:
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    services.add_advice_note(matter=matter, body="Speak to them first", actor=SYSTEM)
    closed = datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    close_on(matter, closed)
    services.set_conduct_retention(council=personas.council, months=12, actor=SYSTEM)

    with time_machine.travel(datetime.datetime(2027, 1, 30, 12, tzinfo=datetime.UTC)):
        assert erase_expired_conduct_records.call() == 0
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=datetime.UTC)):
        assert erase_expired_conduct_records.call() == 1
        assert erase_expired_conduct_records.call() == 0

    matter.refresh_from_db()
    statement = (
        "Erased on 1 February 2027 under the council's retention rule (12 months after closure)."
    )
    assert matter.status == ConductRecord.Status.ERASED
    assert (matter.summary, matter.outcome) == (statement, statement)
    assert [n.body for n in matter.notes.all()] == [statement]
    assert matter.staff_member == personas.record_of(personas.staff), "the tombstone stays"
    event = AuditEvent.objects.get(action="learning.conduct_record_erased")
    assert event.actor is None


def test_the_default_retention_is_24_months_and_open_records_are_kept(
    personas: Personas,
) -> None:
    kept_open = make_conduct_record(staff_member=personas.record_of(personas.staff))
    closed = make_conduct_record(staff_member=personas.record_of(personas.editor))
    close_on(closed, datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))

    with time_machine.travel(datetime.datetime(2028, 2, 28, tzinfo=datetime.UTC)):
        assert services.erase_expired_conduct_records(council=personas.council) == 0
    with time_machine.travel(datetime.datetime(2028, 3, 2, tzinfo=datetime.UTC)):
        assert services.erase_expired_conduct_records(council=personas.council) == 1

    kept_open.refresh_from_db()
    assert kept_open.status == ConductRecord.Status.OPEN
    assert kept_open.summary == "Posted about a resident on a personal account"


def test_retention_must_be_sensible(personas: Personas) -> None:
    with pytest.raises(services.InvalidRetention):
        services.set_conduct_retention(council=personas.council, months=0, actor=SYSTEM)


def test_months_before_keeps_to_the_end_of_short_months() -> None:
    moment = datetime.datetime(2027, 3, 31, 9, tzinfo=datetime.UTC)
    assert services.months_before(moment, 1) == datetime.datetime(
        2027, 2, 28, 9, tzinfo=datetime.UTC
    )
    assert services.months_before(moment, 27).date() == datetime.date(2024, 12, 31)
