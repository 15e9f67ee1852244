"""Reading an estate spreadsheet (CSV or XLSX) into checked rows. Nothing here writes.

Councils keep their list of accounts in Excel, so both formats are read the same way: a header
row naming the columns (in any order, any case) and one account a row (docs/estate.md).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from herald.estate.models import SocialAccount
from herald.estate.networks import Network, validate_address

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember

COLUMNS = (
    "network",
    "handle",
    "url",
    "name",
    "service",
    "kind",
    "owner_employee_number",
    "deputy_employee_number",
    "purpose",
    "audience",
    "two_factor",
    "branded",
    "last_post_on",
    "followers",
    "status",
)
REQUIRED = ("network", "handle", "name", "service")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
NETWORK_NAMES = (
    {label.lower(): value for value, label in Network.choices}
    | {value: value for value in Network.values}
    | {
        "twitter": Network.X,
        "facebook": Network.FACEBOOK_PAGE,
        "whatsapp": Network.WHATSAPP_CHANNEL,
    }
)
YES = {"yes", "y", "true", "1", "on"}
NO = {"no", "n", "false", "0", "off"}
IMPORTABLE_STATUSES = {
    s.value: s.value
    for s in (
        SocialAccount.Status.ACTIVE,
        SocialAccount.Status.DORMANT,
        SocialAccount.Status.UNDER_REVIEW,
    )
}


@dataclass(frozen=True)
class RowError:
    row: int | None  # the spreadsheet's row number; None for the file as a whole
    column: str
    message: str


@dataclass
class CheckedEstate:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_table(content: bytes, file_name: str) -> list[list[str]]:
    """The file's cells as text, header first; a ValueError says what is wrong with the file."""
    if len(content) > MAX_BYTES:
        raise ValueError("The selected file must be smaller than 5MB")
    if file_name.lower().endswith(".xlsx"):
        return _xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("The selected file must be a CSV saved as UTF-8, or an XLSX") from None
    return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]


def _xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # noqa: PLC0415 - slow to import; only XLSX uploads pay

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError("The selected file is not a readable XLSX spreadsheet") from None
    sheet = book.worksheets[0]
    rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return [row for row in rows if any(cell for cell in row)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", heading.strip().lower()).strip("_")


def check_estate(
    *,
    table: list[list[str]],
    council: Council,
    services: dict[str, Service],
    staff: dict[str, StaffMember],
    existing: set[tuple[str, str]],
) -> CheckedEstate:
    """Every row checked against the network rules, the council's services, staff and register."""
    checked = CheckedEstate()
    if not table:
        checked.errors.append(RowError(None, "", "The selected file is empty"))
        return checked
    header = [_normalise(cell) for cell in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        names = ", ".join(missing)
        checked.errors.append(RowError(1, "", f"The file must have columns named: {names}"))
        return checked
    if len(table) - 1 > MAX_ROWS:
        checked.errors.append(RowError(None, "", f"The file must have at most {MAX_ROWS} rows"))
        return checked
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(table[1:], start=2):
        record = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(header)}
        row, errors = _check_row(number, record, services, staff)
        if row is not None:
            key = (row["network"], row["handle"].lower())
            if key in existing:
                errors.append(RowError(number, "handle", "This account is already in the register"))
            elif key in seen:
                errors.append(RowError(number, "handle", f"The same account is on row {seen[key]}"))
            seen.setdefault(key, number)
        checked.errors.extend(errors)
        if row is not None and not errors:
            checked.rows.append(row)
    return checked


def _check_row(
    number: int, record: dict[str, str], services: dict[str, Service], staff: dict[str, StaffMember]
) -> tuple[dict[str, Any] | None, list[RowError]]:
    errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    for column in REQUIRED:
        if not record.get(column):
            error(column, f"Enter the {column}")
    if errors:
        return None, errors
    network = NETWORK_NAMES.get(record["network"].lower())
    if network is None:
        error("network", f"'{record['network']}' is not a network Herald knows")
        return None, errors
    try:
        handle, url = validate_address(
            network=network, handle=record["handle"], url=record.get("url", "")
        )
    except ValidationError as problem:
        for column, messages in problem.message_dict.items():
            error(column, messages[0])
        return None, errors
    row: dict[str, Any] = {
        "network": network,
        "handle": handle,
        "url": url,
        "name": record["name"][:200],
    }
    row |= _details(record, services, staff, error)
    return row, errors


def _details(
    record: dict[str, str], services: dict[str, Service], staff: dict[str, StaffMember], error: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "purpose": record.get("purpose", ""),
        "audience": record.get("audience", ""),
    }
    row["service"] = services.get(record["service"].lower())
    if row["service"] is None:
        error("service", f"There is no service called '{record['service']}'")
    for role in ("owner", "deputy"):
        number = record.get(f"{role}_employee_number", "")
        row[role] = staff.get(number) if number else None
        if number and row[role] is None:
            error(
                f"{role}_employee_number",
                f"No current member of staff has employee number {number}",
            )
    kind = record.get("kind", "").lower() or SocialAccount.Kind.SERVICE
    row["kind"] = (
        kind
        if kind in SocialAccount.Kind.values
        else error("kind", "Kind must be corporate or service")
    )
    row["two_factor"] = _yes_no(record.get("two_factor", ""), "two_factor", error)
    branded = _yes_no(record.get("branded", ""), "branded", error) == SocialAccount.TwoFactor.ON
    row |= dict.fromkeys(SocialAccount.BRANDING_FIELDS, branded)
    row["last_post_on"] = _date(record.get("last_post_on", ""), error)
    followers = record.get("followers", "").replace(",", "")
    row["followers"] = int(followers) if followers.isdigit() else None
    if followers and not followers.isdigit():
        error("followers", "Followers must be a whole number")
    status = record.get("status", "").lower().replace(" ", "_") or SocialAccount.Status.ACTIVE
    row["status"] = IMPORTABLE_STATUSES.get(status) or error(
        "status", "Status must be active, dormant or under review"
    )
    return row


def _yes_no(value: str, column: str, error: Any) -> str:
    if value.lower() in YES:
        return SocialAccount.TwoFactor.ON
    if value.lower() in NO:
        return SocialAccount.TwoFactor.OFF
    if value:
        error(column, f"{column.replace('_', ' ').capitalize()} must be yes or no")
    return SocialAccount.TwoFactor.UNKNOWN


def _date(value: str, error: Any) -> datetime.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    error("last_post_on", "Last post date must be a date like 2026-03-31 or 31/03/2026")
    return None
