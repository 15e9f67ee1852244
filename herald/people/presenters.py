"""What the staff pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.urls import reverse
from markupsafe import Markup, escape

from herald.core.templating import date_filter
from herald.people.models import StaffMember


@dataclass
class StaffListPage:
    page: Page[StaffMember]
    search: str

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [
            {"text": h} for h in ("Name", "Employee number", "Job title", "Service", "Line manager")
        ]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        return [staff_row(member) for member in self.page.object_list]

    @property
    def pagination(self) -> dict[str, Any]:
        items: dict[str, Any] = {}
        query = f"&q={escape(self.search)}" if self.search else ""
        if self.page.has_previous():
            items["previous"] = {"href": f"?page={self.page.previous_page_number()}{query}"}
        if self.page.has_next():
            items["next"] = {"href": f"?page={self.page.next_page_number()}{query}"}
        return items

    @property
    def total(self) -> int:
        return self.page.paginator.count


def staff_row(member: StaffMember) -> list[dict[str, Any]]:
    link = reverse("people:detail", args=[member.public_id])
    return [
        {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(link, member.full_name)},
        {"text": member.employee_number},
        {"text": member.job_title or "—"},
        {"text": member.service.name if member.service else "—"},
        {"text": member.line_manager.full_name if member.line_manager else "—"},
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
