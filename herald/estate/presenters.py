"""What the estate pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from markupsafe import Markup

from herald.core.templating import date_filter, datetime_filter
from herald.estate.models import BRANDING_CHOICES, AccountRequest, Finding, SocialAccount
from herald.estate.networks import Network, display_handle

if TYPE_CHECKING:
    from herald.audit.models import AuditEvent
    from herald.estate.importing import RowError
    from herald.estate.models import AccountStatusChange, AdminAccess, RequestStatusChange
    from herald.estate.services.lifecycle import ChecklistItem

Cell = dict[str, Any]
Row = list[Cell]

STATUS_COLOURS = {
    "requested": "govuk-tag--light-blue",
    "active": "govuk-tag--green",
    "under_review": "govuk-tag--yellow",
    "dormant": "govuk-tag--orange",
    "closing": "govuk-tag--purple",
    "closed": "govuk-tag--grey",
    "submitted": "govuk-tag--light-blue",
    "changes_requested": "govuk-tag--yellow",
    "approved": "govuk-tag--green",
    "rejected": "govuk-tag--red",
    "high": "govuk-tag--red",
    "medium": "govuk-tag--orange",
    "low": "govuk-tag--grey",
}


def tag(value: str, label: str) -> Markup:
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(
        STATUS_COLOURS.get(value, ""), label
    )


def link(href: str, text: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def head(*labels: str, numeric: Iterable[str] = ()) -> list[Cell]:
    numbers = set(numeric)
    return [{"text": t, **({"format": "numeric"} if t in numbers else {})} for t in labels]


def register_rows(accounts: Iterable[SocialAccount]) -> list[Row]:
    return [
        [
            {"html": link(reverse("estate:detail", args=[a.public_id]), a.name)},
            {"text": f"{a.get_network_display()} {a.shown_handle}"},
            {"text": a.service.name},
            {"text": a.owner.full_name if a.owner else "None"},
            {"html": tag(a.status, a.get_status_display())},
            {"text": str(getattr(a, "open_findings", 0)), "format": "numeric"},
        ]
        for a in accounts
    ]


REGISTER_HEAD = head(
    "Account",
    "Network and handle",
    "Service",
    "Owner",
    "Status",
    "Open findings",
    numeric=["Open findings"],
)


def filter_items(
    choices: Iterable[tuple[str, str]], selected: str, *, everything: str
) -> list[Cell]:
    items: list[Cell] = [{"value": "", "text": everything}]
    items += [{"value": v, "text": label, "selected": v == selected} for v, label in choices]
    return items


def network_items(selected: str) -> list[Cell]:
    return filter_items(Network.choices, selected, everything="All networks")


def status_items(selected: str) -> list[Cell]:
    return filter_items(SocialAccount.Status.choices, selected, everything="All statuses")


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def account_rows(account: SocialAccount) -> list[Cell]:
    """The account's summary list."""
    rows = [
        ("Network", account.get_network_display()),
        ("Handle", account.shown_handle),
        ("Profile address", link(account.url, account.url) if account.url else "Not recorded"),
        ("Status", tag(account.status, account.get_status_display())),
        ("Owning service", account.service.name),
        ("Corporate or service", account.get_kind_display()),
        ("Owner", account.owner.full_name if account.owner else "None"),
        ("Deputy", account.deputy.full_name if account.deputy else "None"),
        ("Purpose", account.purpose or "Not recorded"),
        ("Audience", account.audience or "Not recorded"),
        ("Two-factor authentication", account.get_two_factor_display()),
        ("Last post", date_filter(account.last_post_on)),
        (
            "Followers",
            f"{account.followers:,}" if account.followers is not None else "Not recorded",
        ),
        ("Figures from", account.get_metrics_source_display()),
        ("Next review due", date_filter(account.review_due_on)),
        ("Last confirmed by its owner", date_filter(account.last_recertified_on, empty="Never")),
    ]
    if account.closed_on:
        rows.append(("Closed on", date_filter(account.closed_on)))
    return [_summary(key, value) for key, value in rows]


def _summary(key: str, value: Any) -> Cell:
    inner = {"html": value} if isinstance(value, Markup) else {"text": str(value)}
    return {"key": {"text": key}, "value": inner}


def checklist_rows(items: list[ChecklistItem]) -> list[Cell]:
    return [
        _summary(
            item.label, tag("active" if item.done else "dormant", "Done" if item.done else "To do")
        )
        for item in items
    ]


def branding_rows(account: SocialAccount) -> list[Cell]:
    return [_summary(label, _yes(getattr(account, name))) for name, label in BRANDING_CHOICES]


def access_items(access: list[AdminAccess], *, account: SocialAccount) -> list[dict[str, Any]]:
    """Each current holder, with the address that removes their access."""
    return [
        {
            "holder": held.holder_name,
            "level": held.get_level_display(),
            "since": date_filter(held.created_at),
            "remove_url": reverse("estate:access_remove", args=[account.public_id, held.public_id]),
        }
        for held in access
    ]


def history_rows(events: Iterable[AuditEvent]) -> list[Row]:
    return [
        [
            {"text": datetime_filter(event.created_at)},
            {"text": event.actor_label},
            {"text": event.summary},
            {"text": _changes(event.changes)},
        ]
        for event in events
    ]


def _changes(changes: dict[str, Any]) -> str:
    parts = []
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{name.replace('_', ' ')}: {_plain(value[0])} → {_plain(value[1])}")
    return "; ".join(parts)


def _plain(value: Any) -> str:
    if value in (None, ""):
        return "none"
    if value is True or value is False:
        return _yes(value)
    return str(value)


def status_history_rows(changes: Iterable[AccountStatusChange | RequestStatusChange]) -> list[Row]:
    return [
        [
            {"text": datetime_filter(change.created_at)},
            {"text": change.actor_label},
            {"text": change.to_status.replace("_", " ").capitalize()},
            {"text": change.note},
        ]
        for change in changes
    ]


def finding_rows(findings: Iterable[Finding], *, today: datetime.date) -> list[Row]:
    return [
        [
            {"html": link(reverse("estate:finding", args=[f.public_id]), f.get_kind_display())},
            {"html": link(reverse("estate:detail", args=[f.account.public_id]), f.account.name)},
            {"text": f.detail},
            {"html": tag(f.severity, f.get_severity_display())},
            {"text": f.get_action_display()},
            {"text": f.assignee.full_name if f.assignee else "Not assigned"},
            {
                "text": date_filter(f.due_on)
                + (" (overdue)" if f.is_open and f.due_on < today else "")
            },
        ]
        for f in findings
    ]


FINDING_HEAD = head("Finding", "Account", "Detail", "Severity", "Action", "Assigned to", "Fix by")


def finding_rows_short(findings: Iterable[Finding]) -> list[Row]:
    return [
        [
            {"html": link(reverse("estate:finding", args=[f.public_id]), f.get_kind_display())},
            {"text": f.detail},
            {"text": f.assignee.full_name if f.assignee else "Not assigned"},
            {"text": date_filter(f.due_on)},
        ]
        for f in findings
    ]


def request_rows(requests: Iterable[AccountRequest], *, with_requester: bool = False) -> list[Row]:
    rows = []
    for r in requests:
        row: Row = [
            {"html": link(reverse("estate:request", args=[r.public_id]), r.name)},
            {"text": r.get_network_display()},
            {"text": r.service.name},
            {"html": tag(r.status, r.get_status_display())},
            {"text": date_filter(r.created_at)},
        ]
        if with_requester:
            row.insert(3, {"text": r.requested_by.display_name})
        rows.append(row)
    return rows


def request_summary(request: AccountRequest) -> list[Cell]:
    rows = [
        ("Status", tag(request.status, request.get_status_display())),
        ("Network", request.get_network_display()),
        ("Handle", request.handle),
        ("Profile address", request.url or "Not yet known"),
        ("Account name", request.name),
        ("Owning service", request.service.name),
        ("Business case", request.business_case),
        ("Audience", request.audience),
        ("Why an existing corporate account cannot do this", request.why_not_corporate),
        ("Content plan", request.content_plan),
        ("Hours a week available", str(request.hours_per_week)),
        ("Owner", request.owner.full_name),
        ("Deputy", request.deputy.full_name),
        ("Requested by", request.requested_by.display_name),
        ("Requested on", date_filter(request.created_at)),
    ]
    if request.decision_note:
        rows.append(("Note from the digital team", request.decision_note))
    return [_summary(key, value) for key, value in rows]


def finding_summary(finding: Finding) -> list[Cell]:
    account = finding.account
    rows = [
        ("Account", link(reverse("estate:detail", args=[account.public_id]), account.name)),
        ("Finding", finding.get_kind_display()),
        ("Detail", finding.detail),
        ("Severity", tag(finding.severity, finding.get_severity_display())),
        ("Recommended action", finding.get_action_display()),
        ("Assigned to", finding.assignee.full_name if finding.assignee else "Not assigned"),
        ("Fix by", date_filter(finding.due_on)),
        ("First found", datetime_filter(finding.created_at)),
        ("Resolved", datetime_filter(finding.resolved_at, empty="Still open")),
    ]
    return [_summary(key, value) for key, value in rows]


def import_problems(errors: list[RowError]) -> dict[str, Any]:
    """The per-row report of a refused spreadsheet."""
    rows = [
        [
            {"text": str(e.row) if e.row else "Whole file"},
            {"text": e.column or "—"},
            {"text": e.message},
        ]
        for e in errors[:500]
    ]
    count = len(errors)
    summary = (
        errors[0].message
        if count == 1 and errors[0].row in (None, 1)
        else f"The file has {count} problem{'s' if count != 1 else ''}: nothing was imported"
    )
    return {"summary": summary, "head": head("Row", "Column", "Problem"), "rows": rows}


def import_rows(rows: list[dict[str, Any]]) -> list[Row]:
    return [
        [
            {"text": row["name"]},
            {
                "text": f"{Network(row['network']).label} {display_handle(row['network'], row['handle'])}"
            },
            {"text": row["service"].name},
            {"text": row["owner"].full_name if row["owner"] else "None"},
            {"text": SocialAccount.Status(row["status"]).label},
        ]
        for row in rows[:500]
    ]
