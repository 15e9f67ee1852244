"""``herald import_staff`` and ``herald export_staff``: JSON lines out, and a lossless round trip."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.core.testing import StaffMemberFactory, TeamFactory
from herald.people.importing import COLUMNS
from herald.people.models import StaffMember

pytestmark = pytest.mark.django_db

GOOD = (
    ",".join(COLUMNS) + "\n"
    "H001,Grace,Hopper,grace@wessex.gov.uk,Head of Reading,Libraries,,,2019-04-01,\n"
    "H002,Alan,Turing,alan@wessex.gov.uk,Librarian,Libraries,Lending,H001,01/05/2020,\n"
)


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def import_command(*args: str) -> str:
    out = io.StringIO()
    call_command("import_staff", *args, stdout=out)
    return out.getvalue()


def export_command(*args: str) -> str:
    out = io.StringIO()
    call_command("export_staff", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "staff.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_import_prints_a_json_summary_and_applies_the_file(
    personas: Personas, good_file: Path
) -> None:
    output = import_command("--council", "wessex", str(good_file))

    assert lines(output) == [
        {
            "council": "wessex",
            "dry_run": False,
            "created": 2,
            "updated": 0,
            "left": 0,
            "unchanged": 0,
            "teams_created": 1,
            "applied": True,
            "errors": 0,
        }
    ]
    alan = personas.council.staff_members.get(employee_number="H002")
    assert alan.line_manager is not None
    assert alan.line_manager.employee_number == "H001"
    event = AuditEvent.objects.get(action="staff.imported")
    assert event.actor is None
    assert event.actor_label == "Operator (command line)"


def test_a_dry_run_reports_the_same_counts_and_changes_nothing(
    personas: Personas, good_file: Path
) -> None:
    staff_before, audit_before = StaffMember.objects.count(), AuditEvent.objects.count()

    output = import_command("--council", "wessex", str(good_file), "--dry-run")

    summary = lines(output)[-1]
    assert (summary["dry_run"], summary["created"], summary["applied"]) == (True, 2, False)
    assert (StaffMember.objects.count(), AuditEvent.objects.count()) == (staff_before, audit_before)


def test_a_bad_file_prints_each_problem_and_exits_non_zero_changing_nothing(
    personas: Personas, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + "H003,Ada,,not-an-email,,Parks,,,,\n", encoding="utf-8")
    staff_before, audit_before = StaffMember.objects.count(), AuditEvent.objects.count()
    out = io.StringIO()

    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_staff", "--council", "wessex", str(path), stdout=out)

    printed = lines(out.getvalue())
    assert printed[:3] == [
        {"row": 4, "column": "last_name", "message": "Row 4: enter a last name"},
        {"row": 4, "column": "email", "message": "Row 4: enter a valid email address"},
        {
            "row": 4,
            "column": "service",
            "message": 'Row 4: there is no service called "Parks". Check the spelling or ask a '
            "council administrator to add it",
        },
    ]
    assert printed[3]["errors"] == 3
    assert printed[3]["applied"] is False
    assert (StaffMember.objects.count(), AuditEvent.objects.count()) == (staff_before, audit_before)


def test_mark_missing_as_leavers_is_an_explicit_option(personas: Personas, good_file: Path) -> None:
    current = personas.council.staff_members.current().count()

    summary = lines(
        import_command("--council", "wessex", str(good_file), "--mark-missing-as-leavers")
    )[-1]

    assert summary["left"] == current
    assert personas.council.staff_members.current().count() == 2


def test_an_unknown_council_or_missing_file_is_a_clear_error(
    personas: Personas, good_file: Path, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="No active council with the slug 'nowhere'"):
        import_command("--council", "nowhere", str(good_file))
    with pytest.raises(CommandError, match="Cannot read"):
        import_command("--council", "wessex", str(tmp_path / "absent.csv"))
    with pytest.raises(CommandError, match="No active council"):
        export_command("--council", "nowhere")


def test_export_writes_the_import_columns_leavers_included(personas: Personas) -> None:
    StaffMemberFactory(
        council=personas.council,
        employee_number="A001",
        first_name="=HYPERLINK(1)",
        left_on=datetime.date(2025, 1, 31),
    )

    output = export_command("--council", "wessex")

    header, first = output.splitlines()[:2]
    assert header == ",".join(COLUMNS)
    assert first.startswith("A001,'=HYPERLINK(1),")
    assert first.endswith(",2025-01-31")
    assert len(output.splitlines()) == personas.council.staff_members.count() + 1


def test_export_as_json_lines_has_one_object_per_person(personas: Personas) -> None:
    records = lines(export_command("--council", "wessex", "--format", "jsonl"))

    assert len(records) == personas.council.staff_members.count()
    assert all(list(record) == list(COLUMNS) for record in records)
    manager = personas.line_manager.staff_member
    assert manager is not None
    staff = next(r for r in records if r["email"] == personas.staff.user.email)
    assert staff["line_manager_employee_number"] == manager.employee_number
    assert staff["service"] == "Libraries"


def test_export_never_includes_another_councils_staff(personas: Personas) -> None:
    StaffMemberFactory(council=personas.other_council, employee_number="M001")

    output = export_command("--council", "wessex")

    assert "M001" not in output


def test_exporting_then_importing_changes_nothing(personas: Personas, tmp_path: Path) -> None:
    service = personas.council.services.get(name="Libraries")
    team = TeamFactory(service=service, name="Lending")
    manager = personas.line_manager.staff_member
    StaffMemberFactory(
        council=personas.council,
        employee_number="R001",
        first_name="-Dash",
        last_name="O'Brien, Jr",
        job_title='"Quoted" title',
        service=service,
        team=team,
        line_manager=manager,
        started_on=datetime.date(2018, 2, 28),
        left_on=datetime.date(2025, 6, 30),
    )
    path = tmp_path / "export.csv"
    path.write_text(export_command("--council", "wessex"), encoding="utf-8")
    audit_before = AuditEvent.objects.count()

    summary = lines(import_command("--council", "wessex", str(path)))[-1]

    assert summary["unchanged"] == personas.council.staff_members.count()
    assert (summary["created"], summary["updated"], summary["left"]) == (0, 0, 0)
    assert summary["applied"] is False
    assert AuditEvent.objects.count() == audit_before
