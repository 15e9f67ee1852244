"""What the reply pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from herald.inbox.models import Message, Reply
from herald.standards.types import CATEGORY_LABELS, SEVERITY_LABELS, Category, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

R = Reply.Status
COLOURS = {
    R.DRAFT: "govuk-tag--grey",
    R.AWAITING_APPROVAL: "govuk-tag--yellow",
    R.APPROVED: "govuk-tag--blue",
    R.SENDING: "govuk-tag--blue",
    R.SENT: "govuk-tag--green",
    R.FAILED: "govuk-tag--red",
    R.UNCONFIRMED: "govuk-tag--orange",
    R.REJECTED: "govuk-tag--red",
    R.WITHDRAWN: "govuk-tag--grey",
    str(Severity.BLOCK): "govuk-tag--red",
    str(Severity.SIGN_OFF): "govuk-tag--yellow",
    str(Severity.ADVICE): "govuk-tag--grey",
}


def tag(value: str, label: str) -> Markup:
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(COLOURS.get(value, ""), label)


def status_tag(reply: Reply) -> Markup:
    return tag(reply.status, R(reply.status).label)


def finding_items(findings: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings in severity order with labels, for the live check and the reply page."""
    order = {str(s): s.rank for s in Severity}
    items = []
    for finding in sorted(findings, key=lambda f: order.get(str(f.get("severity")), 9)):
        severity = str(finding.get("severity", "advice"))
        try:
            category = CATEGORY_LABELS[Category(str(finding.get("category")))]
        except ValueError:
            category = str(finding.get("category", ""))
        label = SEVERITY_LABELS.get(Severity(severity), severity) if severity in order else severity
        items.append(
            {
                "tag": tag(severity, label),
                "message": finding.get("message", ""),
                "suggestion": finding.get("suggestion", ""),
                "category": category,
                "rule": finding.get("rule", ""),
            }
        )
    return items


def message_items(messages: Iterable[Message]) -> list[dict[str, Any]]:
    items = []
    for message in messages:
        marks = []
        if message.deleted_on_network_at:
            marks.append("Deleted on the network")
        if message.hidden_on_network_at:
            marks.append("Hidden on the network")
        incoming = message.direction == Message.Direction.IN
        items.append(
            {
                "message": message,
                "who": message.author_handle or ("The resident" if incoming else "The council"),
                "incoming": incoming,
                "direction": "From the resident" if incoming else "From the council",
                "marks": marks,
            }
        )
    return items


def reply_rows(replies: Iterable[Reply], link: Any) -> list[list[dict[str, Any]]]:
    rows = []
    for reply in replies:
        author = reply.author.display_name if reply.author else "Herald (automatic)"
        row: list[dict[str, Any]] = [
            {
                "html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                    link(reply), reply.text[:80] or "(empty)"
                )
            },
            {"text": author},
            {"html": status_tag(reply)},
            {"text": reply.updated_at.strftime("%-d %b %Y %H:%M")},
        ]
        rows.append(row)
    return rows
