"""Building HR staff files for the import tests."""

from __future__ import annotations

import csv
import io

from herald.people.importing import COLUMNS


def person(number: str, **values: str) -> dict[str, str]:
    """One row of a staff file: a librarian in Libraries unless ``values`` say otherwise."""
    return {
        "employee_number": number,
        "first_name": "Ada",
        "last_name": f"Person {number}",
        "email": f"{number.lower()}@wessex.gov.uk",
        "job_title": "Librarian",
        "service": "Libraries",
        "team": "",
        "line_manager_employee_number": "",
        "started_on": "2020-01-06",
        "left_on": "",
    } | values


def staff_csv(*people: dict[str, str], columns: tuple[str, ...] = COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(people)
    return buffer.getvalue().encode()
