"""The HR import as a service: checking a whole file, then applying all of it or none of it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.core.testing import ServiceFactory, StaffMemberFactory, TeamFactory
from herald.councils.models import Team
from herald.people.importing import (
    COLUMNS,
    MAX_BYTES,
    check_staff_file,
    escape_cell,
    load_directory,
    parse_date,
    unescape_cell,
)
from herald.people.models import StaffMember
from herald.people.services import ImportPlanChanged, StaffImportResult, import_staff
from herald.people.tests.staff_files import person, staff_csv

pytestmark = pytest.mark.django_db

HR = Actor(user=None, label="HR test")


def run(
    personas: Personas,
    content: bytes,
    *,
    dry_run: bool = False,
    mark_missing_as_leavers: bool = False,
) -> StaffImportResult:
    return import_staff(
        council=personas.council,
        content=content,
        actor=HR,
        dry_run=dry_run,
        mark_missing_as_leavers=mark_missing_as_leavers,
    )


def messages(result: StaffImportResult) -> list[str]:
    return [error.message for error in result.errors]


def test_new_staff_are_created_with_their_details_team_and_line_manager(personas: Personas) -> None:
    content = staff_csv(
        person("H001", first_name="Grace", last_name="Hopper", team="Reading Services"),
        person("H002", line_manager_employee_number="H001", started_on="27/03/2024"),
    )

    result = run(personas, content)

    assert result.errors == []
    assert result.counts == {
        "created": 2,
        "updated": 0,
        "left": 0,
        "unchanged": 0,
        "teams_created": 1,
    }
    grace = personas.council.staff_members.get(employee_number="H001")
    second = personas.council.staff_members.get(employee_number="H002")
    assert (grace.full_name, grace.email) == ("Grace Hopper", "h001@wessex.gov.uk")
    assert grace.service is not None
    assert grace.service.name == "Libraries"
    assert grace.team is not None
    assert grace.team.name == "Reading Services"
    assert second.line_manager == grace
    assert second.started_on == datetime.date(2024, 3, 27)


def test_common_header_spellings_are_accepted_in_any_case_with_a_byte_order_mark(
    personas: Personas,
) -> None:
    header = (
        "Employee No,Forename,SURNAME,E-mail address,Job Title,Department,Team,"
        "Line Manager Employee Number,Start Date,Leaving Date,National Insurance"
    )
    content = "\ufeff" + header + "\nH001,Ada,Lovelace,ada@wessex.gov.uk,Analyst,libraries,,,,\n"

    result = run(personas, content.encode())

    assert result.errors == []
    assert result.ignored_columns == ["National Insurance"]
    assert personas.council.staff_members.get(employee_number="H001").last_name == "Lovelace"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-27", datetime.date(2024, 3, 27)),
        ("27/03/2024", datetime.date(2024, 3, 27)),
        ("7/3/2024", datetime.date(2024, 3, 7)),
        ("31/02/2024", None),
        ("2024-13-01", None),
        ("03/27/2024", None),
        ("27 March 2024", None),
    ],
)
def test_dates_are_read_as_iso_or_uk_day_first(text: str, expected: datetime.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"employee_number": ""}, "employee_number", "Row 2: enter an employee number"),
        ({"first_name": ""}, "first_name", "Row 2: enter a first name"),
        ({"last_name": ""}, "last_name", "Row 2: enter a last name"),
        ({"email": ""}, "email", "Row 2: enter an email address"),
        ({"email": "not-an-email"}, "email", "Row 2: enter a valid email address"),
        (
            {"first_name": "A" * 101},
            "first_name",
            "Row 2: first name must be 100 characters or fewer",
        ),
        (
            {"employee_number": "E" * 33},
            "employee_number",
            "Row 2: employee number must be 32 characters or fewer",
        ),
        (
            {"started_on": "31/02/2024"},
            "started_on",
            "Row 2: start date must be a real date, like 2024-03-27 or 27/03/2024",
        ),
        (
            {"left_on": "soon"},
            "left_on",
            "Row 2: leaving date must be a real date, like 2024-03-27 or 27/03/2024",
        ),
        (
            {"started_on": "2024-03-27", "left_on": "26/03/2024"},
            "left_on",
            "Row 2: leaving date must be the same as or after the start date",
        ),
        (
            {"service": "Parks"},
            "service",
            'Row 2: there is no service called "Parks". Check the spelling or ask a council '
            "administrator to add it",
        ),
        (
            {"service": "", "team": "Mobile Library"},
            "service",
            'Row 2: enter the service that the team "Mobile Library" belongs to',
        ),
        (
            {"line_manager_employee_number": "H001"},
            "line_manager_employee_number",
            "Row 2: a person cannot be their own line manager",
        ),
        (
            {"line_manager_employee_number": "Z999"},
            "line_manager_employee_number",
            'Row 2: line manager "Z999" is not in the file or in Herald. Check the employee number',
        ),
    ],
)
def test_each_problem_in_a_row_is_reported_in_plain_english(
    personas: Personas, values: dict[str, str], column: str, message: str
) -> None:
    result = run(personas, staff_csv(person("H001", **values)), dry_run=True)

    assert messages(result) == [message]
    assert (result.errors[0].row, result.errors[0].column) == (2, column)


def test_a_row_can_have_several_problems_and_every_row_is_checked(personas: Personas) -> None:
    content = staff_csv(
        person("H001", first_name="", email="nope"),
        person("H002"),
        person("H003", service="Parks"),
    )

    result = run(personas, content, dry_run=True)

    assert messages(result) == [
        "Row 2: enter a first name",
        "Row 2: enter a valid email address",
        'Row 4: there is no service called "Parks". Check the spelling or ask a council '
        "administrator to add it",
    ]


def test_an_employee_number_may_appear_only_once_in_the_file(personas: Personas) -> None:
    result = run(personas, staff_csv(person("H001"), person("H002"), person("H001")))

    assert messages(result) == [
        'Row 4: employee number "H001" is also on row 2. Each person must appear once'
    ]


def test_a_line_management_loop_in_the_file_is_refused(personas: Personas) -> None:
    content = staff_csv(
        person("H001", line_manager_employee_number="H003"),
        person("H002", line_manager_employee_number="H001"),
        person("H003", line_manager_employee_number="H002"),
    )

    result = run(personas, content)

    loop = "H001 → H003 → H002 → H001"
    assert messages(result) == [
        f"Row {row}: line managers go round in a loop ({loop}): someone in it must report to a "
        "person outside it"
        for row in (2, 3, 4)
    ]


def test_a_loop_through_someone_already_in_herald_is_refused(personas: Personas) -> None:
    boss = StaffMemberFactory(council=personas.council, employee_number="H100")
    StaffMemberFactory(council=personas.council, employee_number="H200", line_manager=boss)

    result = run(personas, staff_csv(person("H100", line_manager_employee_number="H200")))

    assert messages(result) == [
        "Row 2: line managers go round in a loop (H100 → H200 → H100): someone in it must "
        "report to a person outside it"
    ]


def test_a_line_manager_already_in_herald_need_not_be_in_the_file(personas: Personas) -> None:
    manager = personas.line_manager.staff_member
    assert manager is not None

    result = run(
        personas, staff_csv(person("H001", line_manager_employee_number=manager.employee_number))
    )

    assert result.errors == []
    assert personas.council.staff_members.get(employee_number="H001").line_manager == manager


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The selected file is empty"),
        (b"  \n\n", "The selected file is empty"),
        (
            ",".join(COLUMNS).encode() + b"\n",
            "The selected file has no staff in it, only the header row",
        ),
        (
            b"H001,Ada,Lovelace,ada@wessex.gov.uk\n",
            "The first row of the file must be the column headings, starting "
            "employee_number,first_name,last_name,email",
        ),
        (
            "employee_number,first_name\nH001,Zoë\n".encode("latin-1"),
            'The selected file must be a CSV file saved as UTF-8 ("CSV UTF-8" in Excel)',
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_message(
    personas: Personas, content: bytes, message: str
) -> None:
    assert messages(run(personas, content)) == [message]


def test_each_missing_column_in_the_header_is_named(personas: Personas) -> None:
    columns = tuple(c for c in COLUMNS if c not in {"email", "left_on"})

    result = run(personas, staff_csv(person("H001"), columns=columns))

    assert messages(result) == [
        'The first row is missing the "email" column',
        'The first row is missing the "left_on" column',
    ]
    assert {e.row for e in result.errors} == {1}


def test_a_column_given_twice_under_different_spellings_is_refused(personas: Personas) -> None:
    content = (",".join(COLUMNS) + ",Surname\n").encode()

    assert messages(run(personas, content)) == [
        'The first row has more than one "last_name" column'
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(personas: Personas) -> None:
    content = staff_csv(person("H001")) + b" " * MAX_BYTES

    assert messages(run(personas, content)) == ["The selected file must be smaller than 5MB"]


def test_a_file_over_the_row_limit_is_refused(personas: Personas) -> None:
    directory = load_directory(council=personas.council)
    content = staff_csv(person("H001"), person("H002"), person("H003"))

    checked = check_staff_file(content=content, directory=directory, max_rows=2)

    assert [e.message for e in checked.errors] == [
        "The selected file must have 2 rows of staff or fewer"
    ]


def test_a_bad_file_changes_nothing_at_all(personas: Personas) -> None:
    existing = personas.staff.staff_member
    assert existing is not None
    staff_before, audit_before, teams_before = (
        StaffMember.objects.count(),
        AuditEvent.objects.count(),
        Team.objects.count(),
    )
    content = staff_csv(
        person("H001", team="Brand New Team"),
        person(existing.employee_number, first_name="Renamed", email=existing.email),
        person("H003", email="broken"),
    )

    result = run(personas, content, mark_missing_as_leavers=True)

    assert messages(result) == ["Row 4: enter a valid email address"]
    assert not result.applied
    assert StaffMember.objects.count() == staff_before
    assert AuditEvent.objects.count() == audit_before
    assert Team.objects.count() == teams_before
    existing.refresh_from_db()
    assert existing.first_name != "Renamed"
    assert existing.left_on is None


def test_importing_the_same_file_again_writes_nothing(personas: Personas) -> None:
    content = staff_csv(
        person("H001", team="Reading Services"),
        person("H002", line_manager_employee_number="H001", left_on="2025-01-31"),
    )
    run(personas, content)
    audit_before = AuditEvent.objects.count()

    with CaptureQueriesContext(connection) as queries:
        result = run(personas, content)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert result.counts["unchanged"] == 2
    assert result.changes == []
    assert not result.applied
    assert AuditEvent.objects.count() == audit_before


def test_checking_a_large_file_takes_a_fixed_number_of_queries(personas: Personas) -> None:
    content = staff_csv(
        *(
            person(f"H{n:04d}", line_manager_employee_number=f"H{n // 2:04d}" if n else "")
            for n in range(2000)
        )
    )

    with CaptureQueriesContext(connection) as queries:
        result = run(personas, content, dry_run=True)

    assert result.counts["created"] == 2000
    assert len(queries) <= 5


def test_a_changed_person_is_updated_with_one_audit_event_holding_the_field_diff(
    personas: Personas,
) -> None:
    run(personas, staff_csv(person("H001"), person("H002")))

    result = run(personas, staff_csv(person("H001", job_title="Senior librarian"), person("H002")))

    assert result.counts == {
        "created": 0,
        "updated": 1,
        "left": 0,
        "unchanged": 1,
        "teams_created": 0,
    }
    updated = personas.council.staff_members.get(employee_number="H001")
    assert updated.job_title == "Senior librarian"
    event = AuditEvent.objects.filter(action="staff.updated").get()
    assert event.changes == {"job_title": ["Librarian", "Senior librarian"]}
    assert event.target_id == str(updated.public_id)
    assert event.actor_label == "HR test"


def test_each_import_records_one_event_with_its_counts(personas: Personas) -> None:
    run(personas, staff_csv(person("H001"), person("H002")))

    run(personas, staff_csv(person("H001", last_name="New"), person("H002"), person("H003")))

    event = AuditEvent.objects.filter(action="staff.imported").order_by("-id").first()
    assert event is not None
    assert event.council == personas.council
    assert event.changes == {
        "created": 1,
        "updated": 1,
        "left": 0,
        "unchanged": 1,
        "teams_created": 0,
    }
    assert AuditEvent.objects.filter(action="staff.created").count() == 3


def test_a_leaving_date_in_the_file_marks_a_leaver_who_is_kept(personas: Personas) -> None:
    run(personas, staff_csv(person("H001"), person("H002", line_manager_employee_number="H001")))

    result = run(
        personas,
        staff_csv(
            person("H001", left_on="31/01/2026"),
            person("H002", line_manager_employee_number="H001"),
        ),
    )

    assert result.counts["left"] == 1
    leaver = personas.council.staff_members.get(employee_number="H001")
    assert leaver.left_on == datetime.date(2026, 1, 31)
    assert personas.council.staff_members.get(employee_number="H002").line_manager == leaver
    event = AuditEvent.objects.filter(action="staff.left").get()
    assert event.changes == {"left_on": [None, "2026-01-31"]}


def test_people_missing_from_the_file_are_left_alone_by_default(personas: Personas) -> None:
    staff_before = personas.council.staff_members.current().count()

    result = run(personas, staff_csv(person("H001")))

    assert result.counts["left"] == 0
    assert personas.council.staff_members.current().count() == staff_before + 1


@time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_marking_missing_people_as_leavers_gives_them_todays_date(personas: Personas) -> None:
    already_left = StaffMemberFactory(council=personas.council, left_on=datetime.date(2025, 12, 31))
    staff_before = StaffMember.objects.count()
    current_before = personas.council.staff_members.current().count()

    result = run(personas, staff_csv(person("H001")), mark_missing_as_leavers=True)

    assert result.counts["created"] == 1
    assert result.counts["left"] == current_before
    assert StaffMember.objects.count() == staff_before + 1
    assert list(personas.council.staff_members.current()) == [
        personas.council.staff_members.get(employee_number="H001")
    ]
    staff = personas.staff.staff_member
    assert staff is not None
    staff.refresh_from_db()
    assert staff.left_on == datetime.date(2026, 3, 2)
    already_left.refresh_from_db()
    assert already_left.left_on == datetime.date(2025, 12, 31)


def test_an_import_never_touches_another_councils_staff_with_the_same_numbers(
    personas: Personas,
) -> None:
    ServiceFactory(council=personas.other_council, name="Libraries", slug="libraries")
    theirs = StaffMemberFactory(
        council=personas.other_council, employee_number="H001", first_name="Mercian"
    )
    their_events = AuditEvent.objects.filter(council=personas.other_council).count()

    result = run(
        personas,
        staff_csv(person("H001", first_name="Wessexian")),
        mark_missing_as_leavers=True,
    )

    assert result.counts["created"] == 1
    theirs.refresh_from_db()
    assert (theirs.first_name, theirs.left_on) == ("Mercian", None)
    assert personas.outsider.staff_member is not None
    personas.outsider.staff_member.refresh_from_db()
    assert personas.outsider.staff_member.left_on is None
    assert AuditEvent.objects.filter(council=personas.other_council).count() == their_events


def test_another_councils_staff_cannot_be_a_line_manager(personas: Personas) -> None:
    theirs = StaffMemberFactory(council=personas.other_council, employee_number="M001")

    result = run(personas, staff_csv(person("H001", line_manager_employee_number="M001")))

    assert messages(result) == [
        'Row 2: line manager "M001" is not in the file or in Herald. Check the employee number'
    ]
    assert not theirs.direct_reports.exists()


def test_services_and_teams_match_whatever_their_case(personas: Personas) -> None:
    service = personas.council.services.get(name="Libraries")
    team = TeamFactory(service=service, name="Reading Services")
    teams_before = Team.objects.count()

    run(personas, staff_csv(person("H001", service="LIBRARIES", team="reading services")))

    created = personas.council.staff_members.get(employee_number="H001")
    assert (created.service, created.team) == (service, team)
    assert Team.objects.count() == teams_before


def test_a_service_of_another_council_is_unknown(personas: Personas) -> None:
    ServiceFactory(council=personas.other_council, name="Parks", slug="parks")

    result = run(personas, staff_csv(person("H001", service="Parks")))

    assert [e.column for e in result.errors] == ["service"]


def test_a_dry_run_reports_the_changes_but_writes_nothing(personas: Personas) -> None:
    staff_before, audit_before = StaffMember.objects.count(), AuditEvent.objects.count()

    result = run(personas, staff_csv(person("H001", team="New Team")), dry_run=True)

    assert result.counts["created"] == 1
    assert result.new_teams == ["Libraries: New Team"]
    assert not result.applied
    assert (StaffMember.objects.count(), AuditEvent.objects.count()) == (staff_before, audit_before)


def test_a_confirmation_is_refused_when_the_records_changed_since_the_preview(
    personas: Personas,
) -> None:
    content = staff_csv(person("H001"))
    preview = run(personas, content, dry_run=True)
    StaffMemberFactory(council=personas.council, employee_number="H001", first_name="Other")

    with pytest.raises(ImportPlanChanged):
        import_staff(
            council=personas.council, content=content, actor=HR, expected_digest=preview.digest
        )

    assert personas.council.staff_members.get(employee_number="H001").first_name == "Other"


def test_the_previewed_plan_is_applied_when_nothing_changed_meanwhile(personas: Personas) -> None:
    content = staff_csv(person("H001"))
    preview = run(personas, content, dry_run=True)

    result = import_staff(
        council=personas.council, content=content, actor=HR, expected_digest=preview.digest
    )

    assert result.applied
    assert result.digest == preview.digest


@pytest.mark.parametrize(
    "value", ["=SUM(A1)", "+44 1234", "-", "@here", "'=already", "plain", "'quoted"]
)
def test_exported_cells_cannot_run_as_formulas_and_read_back_unchanged(value: str) -> None:
    escaped = escape_cell(value)

    assert not escaped.startswith(("=", "+", "-", "@"))
    assert unescape_cell(escaped) == value
