"""The HR file format: reading a staff CSV, checking it as a whole, and writing one back out.

Nothing here writes to the database. ``herald.people.services`` plans and applies an import;
this module only turns bytes into checked rows, or staff records into rows (docs/staff-import.md).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from herald.people.models import StaffMember

if TYPE_CHECKING:
    from herald.councils.models import Council, Service, Team

COLUMNS = (
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "service",
    "team",
    "line_manager_employee_number",
    "started_on",
    "left_on",
)
# How each column is named in an error message.
LABELS = {
    "employee_number": "employee number",
    "first_name": "first name",
    "last_name": "last name",
    "email": "email address",
    "job_title": "job title",
    "service": "service",
    "team": "team",
    "line_manager_employee_number": "line manager",
    "started_on": "start date",
    "left_on": "leaving date",
}
# Other spellings HR systems use for the same columns, after normalising (see _normalise).
ALIASES = {
    "employee_number": "employee_no employee_id emp_no staff_number staff_no payroll_number "
    "payroll_no person_number",
    "first_name": "firstname forename forenames given_name first_names",
    "last_name": "lastname surname family_name",
    "email": "email_address e_mail e_mail_address work_email work_email_address",
    "job_title": "job position post_title",
    "service": "service_name department directorate service_area",
    "team": "team_name section",
    "line_manager_employee_number": "line_manager_employee_no line_manager_number "
    "line_manager_no line_manager_id manager_employee_number manager_number manager_id "
    "line_manager manager reports_to",
    "started_on": "start_date started date_started employment_start_date",
    "left_on": "leaving_date leave_date left date_left end_date termination_date leaver_date",
}
HEADERS = {alias: column for column, names in ALIASES.items() for alias in names.split()} | {
    column: column for column in COLUMNS
}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 25_000
MAX_LENGTHS = {"employee_number": 32, "first_name": 100, "last_name": 100, "email": 254}
MAX_LENGTHS |= {"job_title": 200, "team": 200, "service": 200, "line_manager_employee_number": 32}
REQUIRED = ("employee_number", "first_name", "last_name", "email")
# Spreadsheets run cells that start with these as formulas, so exports prefix them with ' .
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class RowError:
    """One problem, worded for the person fixing the file. Row 1 is the header row."""

    message: str
    row: int | None = None
    column: str = ""


ErrorMaker = Callable[[str, str], "RowError"]


@dataclass
class StaffRow:
    """One person as the file describes them, values stripped but not yet checked."""

    row: int
    values: dict[str, str]
    started_on: datetime.date | None = None
    left_on: datetime.date | None = None

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class Directory:
    """What the council already has, loaded once so checking a row never queries."""

    council: Council
    services: dict[str, Service]
    teams: dict[tuple[int, str], Team]
    staff: dict[str, StaffMember]

    def service_named(self, name: str) -> Service | None:
        return self.services.get(name.casefold()) if name else None

    def team_named(self, service: Service | None, name: str) -> Team | None:
        if service is None or not name:
            return None
        return self.teams.get((service.pk, name.casefold()))


@dataclass
class CheckedFile:
    rows: list[StaffRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def load_directory(*, council: Council) -> Directory:
    """The council's services, teams and staff, in three queries whatever the file's size."""
    return Directory(
        council=council,
        services={s.name.casefold(): s for s in council.services.all()},
        teams={(t.service_id, t.name.casefold()): t for t in council.teams.all()},
        staff={s.employee_number: s for s in council.staff_members.order_by()},
    )


def check_staff_file(
    *, content: bytes, directory: Directory, max_rows: int = MAX_ROWS
) -> CheckedFile:
    """Read and check a whole file; any error means the file must not be applied at all."""
    checked = CheckedFile()
    records = _read_records(content=content, checked=checked, max_rows=max_rows)
    if records is None:
        return checked
    for number, record in records:
        row = StaffRow(row=number, values=record)
        checked.errors.extend(_check_row(row, directory))
        checked.rows.append(row)
    checked.errors.extend(_check_duplicates(checked.rows))
    checked.errors.extend(_check_line_managers(checked.rows, directory))
    checked.errors.sort(key=lambda e: (e.row or 0, COLUMNS.index(e.column) if e.column else -1))
    return checked


class _FileRejected(Exception):
    """The file cannot be read at all, so there is no point checking its rows."""


def _read_records(
    *, content: bytes, checked: CheckedFile, max_rows: int
) -> list[tuple[int, dict[str, str]]] | None:
    try:
        lines = _csv_lines(content)
        positions = _read_header(lines[0], checked)
        if positions is None:
            return None
        data = [(n, c) for n, c in enumerate(lines[1:], start=2) if any(v.strip() for v in c)]
        if not data:
            raise _FileRejected("The selected file has no staff in it, only the header row")
        if len(data) > max_rows:
            raise _FileRejected(f"The selected file must have {max_rows:,} rows of staff or fewer")
    except _FileRejected as rejected:
        checked.errors.append(RowError(str(rejected)))
        return None
    return [(n, _record(cells, positions)) for n, cells in data]


def _csv_lines(content: bytes) -> list[list[str]]:
    if len(content) > MAX_BYTES:
        raise _FileRejected(f"The selected file must be smaller than {MAX_BYTES // 2**20}MB")
    if not content.strip():
        raise _FileRejected("The selected file is empty")
    try:
        # utf-8-sig drops the byte order mark that Excel's "CSV UTF-8" puts at the start.
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        raise _FileRejected(
            'The selected file must be a CSV file saved as UTF-8 ("CSV UTF-8" in Excel)'
        ) from None


def _normalise(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", heading.strip().lower()).strip("_")


def _read_header(cells: list[str], checked: CheckedFile) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for index, heading in enumerate(cells):
        column = HEADERS.get(_normalise(heading))
        if column is None:
            if heading.strip():
                checked.ignored_columns.append(heading.strip())
        elif column in positions:
            checked.errors.append(
                RowError(f'The first row has more than one "{column}" column', row=1, column=column)
            )
        else:
            positions[column] = index
    if not positions:
        checked.errors.append(
            RowError(
                "The first row of the file must be the column headings, starting employee_number,first_name,last_name,email",
                row=1,
            )
        )
    else:
        checked.errors.extend(
            RowError(f'The first row is missing the "{column}" column', row=1, column=column)
            for column in COLUMNS
            if column not in positions
        )
    return None if checked.errors else positions


def _record(cells: list[str], positions: dict[str, int]) -> dict[str, str]:
    return {
        column: unescape_cell(cells[i].strip()) if i < len(cells) else ""
        for column, i in positions.items()
    }


def _check_row(row: StaffRow, directory: Directory) -> Iterator[RowError]:
    def error(column: str, problem: str) -> RowError:
        return RowError(f"Row {row.row}: {problem}", row=row.row, column=column)

    for column in REQUIRED:
        if not row[column]:
            article = "an" if LABELS[column][0] in "aeiou" else "a"
            yield error(column, f"enter {article} {LABELS[column]}")
    for column, limit in MAX_LENGTHS.items():
        if len(row[column]) > limit:
            yield error(column, f"{LABELS[column]} must be {limit} characters or fewer")
    if row["email"] and len(row["email"]) <= MAX_LENGTHS["email"] and not _is_email(row["email"]):
        yield error("email", "enter a valid email address")
    yield from _check_dates(row, error)
    yield from _check_service(row, directory, error)


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _check_dates(row: StaffRow, error: ErrorMaker) -> Iterator[RowError]:
    for column in ("started_on", "left_on"):
        if not row[column]:
            continue
        day = parse_date(row[column])
        if day is None:
            yield error(
                column, f"{LABELS[column]} must be a real date, like 2024-03-27 or 27/03/2024"
            )
        setattr(row, column, day)
    if row.started_on and row.left_on and row.left_on < row.started_on:
        yield error("left_on", "leaving date must be the same as or after the start date")


def parse_date(value: str) -> datetime.date | None:
    """YYYY-MM-DD or DD/MM/YYYY (the UK spreadsheet default); None if it is not a real date."""
    if match := ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
    elif match := UK_DATE.fullmatch(value):
        day, month, year = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _check_service(row: StaffRow, directory: Directory, error: ErrorMaker) -> Iterator[RowError]:
    name, team = row["service"], row["team"]
    if name and directory.service_named(name) is None:
        yield error(
            "service",
            f'there is no service called "{name}". Check the spelling or ask a council administrator to add it',
        )
    if team and not name:
        yield error("service", f'enter the service that the team "{team}" belongs to')


def _check_duplicates(rows: list[StaffRow]) -> Iterator[RowError]:
    first_seen: dict[str, int] = {}
    for row in rows:
        number = row["employee_number"]
        if number in first_seen:
            yield RowError(
                f'Row {row.row}: employee number "{number}" is also on row {first_seen[number]}. Each person must appear once',
                row=row.row,
                column="employee_number",
            )
        elif number:
            first_seen[number] = row.row


def _check_line_managers(rows: list[StaffRow], directory: Directory) -> Iterator[RowError]:
    in_file = {row["employee_number"] for row in rows}
    for row in rows:
        manager = row["line_manager_employee_number"]
        if not manager:
            continue
        if manager == row["employee_number"]:
            yield _manager_error(row, "a person cannot be their own line manager")
        elif manager not in in_file and manager not in directory.staff:
            yield _manager_error(
                row,
                f'line manager "{manager}" is not in the file or in Herald. Check the employee number',
            )
    yield from _check_cycles(rows, directory)


def _manager_error(row: StaffRow, problem: str) -> RowError:
    return RowError(f"Row {row.row}: {problem}", row=row.row, column="line_manager_employee_number")


def _check_cycles(rows: list[StaffRow], directory: Directory) -> Iterator[RowError]:
    """Line management after the import must be a tree: find every loop that the file is part of."""
    by_pk = {person.pk: number for number, person in directory.staff.items()}
    manager_of = {
        number: by_pk.get(person.line_manager_id) if person.line_manager_id else None
        for number, person in directory.staff.items()
    }
    row_of: dict[str, StaffRow] = {}
    for row in rows:
        row_of.setdefault(row["employee_number"], row)
        manager_of[row["employee_number"]] = row["line_manager_employee_number"] or None
    for loop in _loops(manager_of):
        chain = " → ".join([*loop, loop[0]])
        for number in loop:
            if number in row_of:
                yield _manager_error(
                    row_of[number],
                    f"line managers go round in a loop ({chain}): someone in it must report to a person outside it",
                )


def _loops(manager_of: dict[str, str | None]) -> Iterator[list[str]]:
    # Each person has at most one manager, so walking from every person finds each loop once.
    done: set[str] = set()
    for start in manager_of:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in done and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = manager_of.get(current)
        # A loop of one is a person managing themselves, which has its own message.
        if current is not None and current in on_path and len(path) - on_path[current] > 1:
            loop = path[on_path[current] :]
            # Told from the lowest employee number, so the message does not depend on the
            # order the database returned the staff in.
            lowest = loop.index(min(loop))
            yield loop[lowest:] + loop[:lowest]
        done.update(path)


def _looks_like_formula(value: str) -> bool:
    # Any run of ' before a formula character is an export's escape, so it is looked past.
    return value.lstrip("'").startswith(FORMULA_STARTS)


def unescape_cell(value: str) -> str:
    """Undo ``escape_cell``: drop the one ' that an export put before a formula-like value."""
    return value[1:] if value.startswith("'") and _looks_like_formula(value) else value


def escape_cell(value: str) -> str:
    """Stop a spreadsheet running a value as a formula (CSV injection); reversible on import."""
    return "'" + value if _looks_like_formula(value) else value


def staff_records(*, staff: Iterable[StaffMember]) -> Iterator[dict[str, str]]:
    """Staff as rows of the import format, so exporting then importing changes nothing."""
    for person in staff:
        yield {
            "employee_number": person.employee_number,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "job_title": person.job_title,
            "service": person.service.name if person.service else "",
            "team": person.team.name if person.team else "",
            "line_manager_employee_number": (
                person.line_manager.employee_number if person.line_manager else ""
            ),
            "started_on": person.started_on.isoformat() if person.started_on else "",
            "left_on": person.left_on.isoformat() if person.left_on else "",
        }
