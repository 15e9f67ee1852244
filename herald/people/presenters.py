"""What the staff pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.urls import reverse
from markupsafe import Markup

from herald.core.paging import govuk_pagination
from herald.core.templating import date_filter
from herald.people.importing import RowError
from herald.people.models import StaffMember
from herald.people.services import StaffChange, StaffImportResult

# What the staff list shows. The list reads these as plain values rather than model instances:
# building 50 rows of three joined models was a third of the page's time.
LIST_FIELDS = (
    "public_id",
    "first_name",
    "last_name",
    "employee_number",
    "job_title",
    "service__name",
    "line_manager__first_name",
    "line_manager__last_name",
)


@dataclass
class StaffListPage:
    page: Page[dict[str, Any]]
    search: str

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [
            {"text": h} for h in ("Name", "Employee number", "Job title", "Service", "Line manager")
        ]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        link = detail_link()
        return [staff_row(member, link=link) for member in self.page.object_list]

    @property
    def pagination(self) -> dict[str, Any]:
        return govuk_pagination(self.page, q=self.search)

    @property
    def total(self) -> int:
        return self.page.paginator.count


_PLACEHOLDER = UUID(int=0)


def detail_link() -> Callable[[UUID], str]:
    """The staff record's URL for any id, reversing once per page rather than once per row."""
    template = reverse("people:detail", args=[_PLACEHOLDER])
    return lambda public_id: template.replace(str(_PLACEHOLDER), str(public_id))


def staff_row(member: dict[str, Any], *, link: Callable[[UUID], str]) -> list[dict[str, Any]]:
    """One row of the staff list, from the values named in ``LIST_FIELDS``."""
    href = link(member["public_id"])
    name = f"{member['first_name']} {member['last_name']}"
    manager = member["line_manager__first_name"]
    return [
        {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(href, name)},
        {"text": member["employee_number"]},
        {"text": member["job_title"] or "—"},
        {"text": member["service__name"] or "—"},
        {"text": f"{manager} {member['line_manager__last_name']}" if manager else "—"},
    ]


def staff_summary_rows(member: StaffMember) -> list[dict[str, Any]]:
    pairs = [
        ("Employee number", member.employee_number),
        ("Email", member.email),
        ("Job title", member.job_title or "Not recorded"),
        ("Service", member.service.name if member.service else "Not recorded"),
        ("Team", member.team.name if member.team else "Not recorded"),
        ("Line manager", member.line_manager.full_name if member.line_manager else "None"),
        ("Started", date_filter(member.started_on)),
        ("Left", date_filter(member.left_on, empty="Still in post")),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]


# The HR import's pages. Long files are cut to this many table rows; the counts stay exact.
IMPORT_TABLE_LIMIT = 500
CHANGE_LABELS = {"created": "New", "updated": "Updated", "left": "Leaving"}
FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "job_title": "Job title",
    "service": "Service",
    "team": "Team",
    "line_manager": "Line manager",
    "started_on": "Started",
    "left_on": "Left",
}


@dataclass
class ImportErrors:
    """A file's problems as a GOV.UK table, with an error summary that points at it."""

    errors: list[RowError]

    @property
    def summary_text(self) -> str:
        count = len(self.errors)
        problems = "1 problem" if count == 1 else f"{count:,} problems"
        return f"The selected file has {problems}. Fix them and upload the file again"

    @property
    def error_summary(self) -> dict[str, Any]:
        return {
            "titleText": "There is a problem",
            "errorList": [{"text": self.summary_text, "href": "#import-errors"}],
        }

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [{"text": "Row"}, {"text": "Column"}, {"text": "Problem"}]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        return [
            [
                {"text": str(error.row) if error.row else "—"},
                {"text": error.column or "—"},
                {"text": error.message},
            ]
            for error in self.errors[:IMPORT_TABLE_LIMIT]
        ]

    @property
    def is_cut(self) -> bool:
        return len(self.errors) > IMPORT_TABLE_LIMIT


@dataclass
class ImportPreview:
    """What a checked file will change, for the person to confirm."""

    result: StaffImportResult
    file_name: str

    @property
    def summary_rows(self) -> list[dict[str, Any]]:
        counts = self.result.counts
        pairs = [
            ("New staff", counts["created"]),
            ("Updated", counts["updated"]),
            ("Leaving", counts["left"]),
            ("Unchanged", counts["unchanged"]),
            ("New teams", counts["teams_created"]),
        ]
        return [{"key": {"text": k}, "value": {"text": f"{v:,}"}} for k, v in pairs]

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [{"text": h} for h in ("Employee number", "Name", "Change", "What changes")]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        return [
            [
                {"text": change.employee_number},
                {"text": change.name},
                {"text": CHANGE_LABELS[change.kind]},
                {"text": change_details(change)},
            ]
            for change in self.result.changes[:IMPORT_TABLE_LIMIT]
        ]

    @property
    def is_cut(self) -> bool:
        return len(self.result.changes) > IMPORT_TABLE_LIMIT


def change_details(change: StaffChange) -> str:
    """'Job title: Officer to Senior officer', one field after another; new people in brief."""
    if change.kind == "created":
        return "New staff record"
    return "; ".join(
        f"{label}: {_shown(key, change.changes[key][0])} to {_shown(key, change.changes[key][1])}"
        for key, label in FIELD_LABELS.items()
        if key in change.changes
    )


def _shown(key: str, value: Any) -> str:
    if value in (None, ""):
        return "none"
    if key.endswith("_on"):
        return date_filter(datetime.date.fromisoformat(value))
    return str(value)


def import_done_message(result: StaffImportResult) -> str:
    counts = result.counts
    return (
        f"Staff imported: {counts['created']:,} added, {counts['updated']:,} updated, "
        f"{counts['left']:,} marked as leaving and {counts['unchanged']:,} unchanged"
    )
