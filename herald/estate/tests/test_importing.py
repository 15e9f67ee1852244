"""Importing the existing estate: CSV and XLSX, all or nothing, every bad row reported."""

import io

import pytest
from openpyxl import Workbook

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.estate import services
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db

HEADER = [
    "Network",
    "Handle",
    "URL",
    "Name",
    "Service",
    "Owner employee number",
    "Two factor",
    "Branded",
    "Last post on",
    "Followers",
    "Status",
]


def rows(estate: Estate) -> list[list[str]]:
    return [
        HEADER,
        [
            "X",
            "@LibrariesWessex",
            "https://x.com/LibrariesWessex",
            "Wessex Libraries",
            "libraries",
            estate.owner.employee_number,
            "yes",
            "yes",
            "31/03/2026",
            "1,204",
            "active",
        ],
        [
            "Facebook page",
            "WessexLibraries",
            "",
            "Wessex Libraries",
            "Libraries",
            "",
            "no",
            "no",
            "2025-01-02",
            "",
            "dormant",
        ],
    ]


def csv_bytes(table: list[list[str]]) -> bytes:
    return "\n".join(",".join(f'"{cell}"' for cell in row) for row in table).encode()


def xlsx_bytes(table: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(
    personas: Personas, content: bytes, name: str, *, dry_run: bool = False
) -> services.EstateImportResult:
    return services.import_estate(
        council=personas.council,
        content=content,
        file_name=name,
        actor=Actor(user=None),
        dry_run=dry_run,
    )


@pytest.mark.parametrize(
    ("name", "encode"), [("estate.csv", csv_bytes), ("estate.xlsx", xlsx_bytes)]
)
def test_a_good_spreadsheet_adds_every_account(
    personas: Personas, estate: Estate, name: str, encode: object
) -> None:
    result = run(personas, encode(rows(estate)), name)  # type: ignore[operator]
    assert result.errors == []
    x = personas.council.social_accounts.get(network="x")
    assert (x.handle, x.owner, x.two_factor, x.followers, x.branding_complete) == (
        "LibrariesWessex",
        estate.owner,
        "on",
        1204,
        True,
    )
    assert (
        personas.council.social_accounts.get(network="facebook_page").status
        == SocialAccount.Status.DORMANT
    )
    assert AuditEvent.objects.filter(action="estate.imported").count() == 1


def test_a_dry_run_changes_nothing(personas: Personas, estate: Estate) -> None:
    result = run(personas, csv_bytes(rows(estate)), "estate.csv", dry_run=True)
    assert (len(result.rows), result.errors) == (2, [])
    assert not SocialAccount.objects.exists()


def test_one_bad_row_means_nothing_is_imported_and_every_problem_is_reported(
    personas: Personas, estate: Estate
) -> None:
    make_account(
        council=personas.council,
        service=estate.service,
        network="instagram",
        handle="wessex.libraries",
    )
    table = rows(estate) + [  # noqa: RUF005 - reads as "the good rows, then these"
        ["X", "Not a handle!", "", "Bad", "Libraries", "", "", "", "", "", ""],
        [
            "Instagram",
            "Wessex.Libraries",
            "",
            "Duplicate of the register",
            "Libraries",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["X", "librarieswessex", "", "Duplicate of row 2", "Libraries", "", "", "", "", "", ""],
        ["Myspace", "wessex", "", "Unknown network", "Libraries", "", "", "", "", "", ""],
        [
            "X",
            "WessexParks",
            "",
            "Parks",
            "Parks",
            "X999",
            "maybe",
            "",
            "yesterday",
            "lots",
            "closed",
        ],
    ]
    result = run(personas, csv_bytes(table), "estate.csv")
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (4, "handle"),
        (5, "handle"),
        (6, "handle"),
        (7, "network"),
        (8, "service"),
        (8, "owner_employee_number"),
        (8, "two_factor"),
        (8, "last_post_on"),
        (8, "followers"),
        (8, "status"),
    }
    assert personas.council.social_accounts.count() == 1  # only the one made above


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "estate.csv", "The selected file is empty"),
        (b"name,handle\nx,y", "estate.csv", "must have columns named: network, service"),
        (b"\xff\xfe\x00bad", "estate.csv", "saved as UTF-8"),
        (b"not a workbook", "estate.xlsx", "not a readable XLSX"),
    ],
)
def test_files_that_cannot_be_read_are_refused_as_a_whole(
    personas: Personas, content: bytes, name: str, message: str
) -> None:
    result = run(personas, content, name)
    assert len(result.errors) == 1
    assert message in result.errors[0].message


def test_confirming_a_preview_imports_it_and_forgets_the_upload(
    personas: Personas, estate: Estate
) -> None:
    pending = services.start_estate_import(
        council=personas.council,
        user=personas.digital_lead.user,
        file_name="estate.csv",
        content=csv_bytes(rows(estate)),
    )
    result = services.confirm_estate_import(
        pending=pending, actor=Actor(user=personas.digital_lead.user)
    )
    assert len(result.created) == 2
    assert not personas.council.pending_estate_imports.exists()
