import datetime
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.core.models import PeriodicJob
from herald.councils.models import Membership
from herald.people.leavers import switch_off_leavers
from herald.people.services import import_staff

pytestmark = pytest.mark.django_db


def _leave(personas: Personas, membership: Membership, on: datetime.date) -> None:
    record = personas.record_of(membership)
    record.left_on = on
    record.save()


def test_a_leaver_can_no_longer_sign_in_and_it_is_audited(personas: Personas) -> None:
    _leave(personas, personas.staff, datetime.date(2026, 11, 20))
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        assert switch_off_leavers(actor=SYSTEM) == 1
    personas.staff.refresh_from_db()
    assert personas.staff.is_active is False
    event = AuditEvent.objects.get(action="membership.deactivated")
    assert event.council == personas.council
    assert "left the council on 20 November 2026" in event.summary
    assert personas.client_for(personas.staff).get("/").status_code == 302


def test_a_future_leaving_date_keeps_access_until_it_arrives(personas: Personas) -> None:
    _leave(personas, personas.staff, datetime.date(2026, 12, 31))
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        assert switch_off_leavers(actor=SYSTEM) == 0
    with time_machine.travel(datetime.datetime(2026, 12, 31, 9, tzinfo=datetime.UTC)):
        assert switch_off_leavers(actor=SYSTEM) == 1
    personas.staff.refresh_from_db()
    assert personas.staff.is_active is False


def test_switching_off_twice_records_one_event(personas: Personas) -> None:
    _leave(personas, personas.staff, datetime.date(2020, 1, 1))
    switch_off_leavers(actor=SYSTEM)
    switch_off_leavers(actor=SYSTEM)
    assert AuditEvent.objects.filter(action="membership.deactivated").count() == 1


def test_the_leaver_switch_off_runs_as_a_periodic_job(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    _leave(personas, personas.staff, datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")
    assert PeriodicJob.objects.filter(name="people.switch_off_leavers").exists()
    personas.staff.refresh_from_db()
    assert personas.staff.is_active is False


def test_an_hr_import_that_marks_a_leaver_switches_off_their_sign_in(personas: Personas) -> None:
    record = personas.record_of(personas.staff)
    manager = personas.record_of(personas.line_manager)
    content = (
        "employee_number,first_name,last_name,email,job_title,service,team,"
        "line_manager_employee_number,started_on,left_on\n"
        f"{manager.employee_number},{manager.first_name},{manager.last_name},{manager.email},"
        f"{manager.job_title},Libraries,,,,\n"
        f"{record.employee_number},{record.first_name},{record.last_name},{record.email},"
        f"{record.job_title},Libraries,,{manager.employee_number},,2026-01-31\n"
    ).encode()
    result = import_staff(council=personas.council, content=content, actor=SYSTEM)
    assert not result.errors
    personas.staff.refresh_from_db()
    assert personas.staff.is_active is False
    assert personas.line_manager.is_active is True
