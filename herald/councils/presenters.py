"""Display shapes for the council set-up pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.urls import reverse
from markupsafe import Markup

from herald.core.paging import govuk_pagination
from herald.councils.models import Membership
from herald.councils.roles import Role


def role_labels(membership: Membership) -> str:
    labels = sorted(Role(a.role).label for a in membership.role_assignments.all())
    return ", ".join(labels) or "All staff only"


@dataclass
class MemberListPage:
    page: Page[Membership]
    search: str

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [
            {"text": h} for h in ("Name", "Username", "Service", "Granted roles", "Can sign in")
        ]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        rows: list[list[dict[str, Any]]] = []
        for membership in self.page.object_list:
            link = reverse("councils:member_roles", args=[membership.public_id])
            staff = membership.staff_member
            service = staff.service.name if staff is not None and staff.service else "—"
            rows.append(
                [
                    {
                        "html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                            link, membership.user.get_full_name() or membership.user.username
                        )
                    },
                    {"text": membership.user.username},
                    {"text": service},
                    {"text": role_labels(membership)},
                    {"text": "Yes" if membership.is_active and membership.user.is_active else "No"},
                ]
            )
        return rows

    @property
    def pagination(self) -> dict[str, Any]:
        return govuk_pagination(self.page, q=self.search)

    @property
    def total(self) -> int:
        return self.page.paginator.count


def member_summary_rows(membership: Membership) -> list[dict[str, Any]]:
    staff = membership.staff_member
    pairs = [
        ("Name", membership.user.get_full_name() or membership.user.username),
        ("Username", membership.user.username),
        ("Email", membership.user.email or "Not recorded"),
        ("Staff record", f"{staff.full_name} ({staff.employee_number})" if staff else "None"),
        ("Granted roles", role_labels(membership)),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]
