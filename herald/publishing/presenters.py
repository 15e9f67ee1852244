"""What the publishing pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from markupsafe import Markup

from herald.core.templating import date_filter, datetime_filter
from herald.publishing.models import Delivery, Hold, MediaItem, Post
from herald.standards.types import CATEGORY_LABELS, SEVERITY_LABELS, Category, Severity

if TYPE_CHECKING:
    from herald.core.models import StatusChange
    from herald.publishing.models import Approval, PostRevision, PostVariant, SignOff

Cell = dict[str, Any]
Row = list[Cell]

STATUS_COLOURS = {
    "draft": "govuk-tag--grey",
    "awaiting_approval": "govuk-tag--light-blue",
    "returned": "govuk-tag--yellow",
    "rejected": "govuk-tag--red",
    "withdrawn": "govuk-tag--grey",
    "approved": "govuk-tag--turquoise",
    "scheduled": "govuk-tag--blue",
    "held": "govuk-tag--orange",
    "needs_rescheduling": "govuk-tag--yellow",
    "publishing": "govuk-tag--purple",
    "published": "govuk-tag--green",
    "failed": "govuk-tag--red",
    "unconfirmed": "govuk-tag--pink",
    "pending": "govuk-tag--light-blue",
    "cancelled": "govuk-tag--grey",
    "active": "govuk-tag--red",
    "lifted": "govuk-tag--grey",
    "block": "govuk-tag--red",
    "needs_sign_off": "govuk-tag--orange",
    "advice": "govuk-tag--grey",
}


def tag(value: str, label: str) -> Markup:
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(
        STATUS_COLOURS.get(value, ""), label
    )


def link(href: str, text: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def head(*labels: str) -> list[Cell]:
    return [{"text": label} for label in labels]


def post_status(post: Post) -> Markup:
    return tag(post.status, Post.Status(post.status).label)


def post_rows(posts: Iterable[Post]) -> list[Row]:
    rows: list[Row] = []
    for post in posts:
        accounts = ", ".join(v.account.name for v in post.variants.all())
        rows.append(
            [
                {"html": link(reverse("publishing:post", args=[post.public_id]), post.title)},
                {"text": accounts},
                {"html": post_status(post)},
                {"text": datetime_filter(post.scheduled_for, empty="Not set")},
                {"text": post.author.display_name},
            ]
        )
    return rows


def post_summary(post: Post) -> list[Cell]:
    rows = [
        ("Status", {"html": post_status(post)}),
        ("Author", {"text": post.author.display_name}),
        ("Category", {"text": Post.Category(post.category).label}),
        ("Campaign", {"text": post.campaign.name if post.campaign else "None"}),
        ("Time to post", {"text": datetime_filter(post.scheduled_for, empty="Not set")}),
        ("Revision", {"text": str(post.revision)}),
        (
            "Approval steps",
            {"text": str(post.approval_steps_required) if post.submitted_at else "Not submitted"},
        ),
    ]
    if post.held_by_id and post.held_by is not None:
        rows.append(
            ("Held by", {"text": f"{post.held_by.get_kind_display()}: {post.held_by.reason}"})
        )
    return [{"key": {"text": key}, "value": value} for key, value in rows]


def finding_items(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings in severity order with labels, for the detail page and the live check."""
    order = {str(s): s.rank for s in Severity}
    items = []
    for finding in sorted(findings, key=lambda f: order.get(str(f.get("severity")), 9)):
        severity = str(finding.get("severity", "advice"))
        try:
            category = CATEGORY_LABELS[Category(str(finding.get("category")))]
        except ValueError:
            category = str(finding.get("category", ""))
        items.append(
            {
                "tag": tag(severity, SEVERITY_LABELS.get(Severity(severity), severity))
                if severity in order
                else severity,
                "message": finding.get("message", ""),
                "suggestion": finding.get("suggestion", ""),
                "category": category,
                "rule": finding.get("rule", ""),
                "escalated": finding.get("escalated", ""),
            }
        )
    return items


def variant_views(variants: Iterable[PostVariant]) -> list[dict[str, Any]]:
    views = []
    for variant in variants:
        uses = list(variant.media.all())
        views.append(
            {
                "variant": variant,
                "account": variant.account,
                "network": variant.account.get_network_display(),
                "findings": finding_items(variant.findings),
                "media": [
                    {
                        "name": use.item.original_name,
                        "kind": use.item.get_kind_display(),
                        "alt_text": use.alt_text,
                        "href": reverse("publishing:media_file", args=[use.item.public_id]),
                        "is_image": use.item.kind == MediaItem.Kind.IMAGE,
                    }
                    for use in uses
                ],
                "length": len(variant.text),
            }
        )
    return views


def history_rows(changes: Iterable[StatusChange]) -> list[Row]:
    return [
        [
            {"text": datetime_filter(change.created_at)},
            {"text": change.actor_label},
            {"text": change.to_status.replace("_", " ").capitalize()},
            {"text": change.note},
        ]
        for change in changes
    ]


def approval_rows(approvals: Iterable[Approval]) -> list[Row]:
    return [
        [
            {"text": datetime_filter(a.created_at)},
            {"text": a.approver.display_name},
            {"text": f"Revision {a.revision}, step {a.step}"},
            {"text": a.get_decision_display()},
            {"text": a.note},
        ]
        for a in approvals
    ]


def sign_off_rows(sign_offs: Iterable[SignOff]) -> list[Row]:
    return [
        [
            {"text": datetime_filter(s.created_at)},
            {"text": s.officer.display_name},
            {"text": f"{s.get_kind_display()} (revision {s.revision})"},
            {"text": s.subject if s.kind == "finding" else ""},
            {"text": s.note},
        ]
        for s in sign_offs
    ]


def revision_rows(revisions: Iterable[PostRevision]) -> list[Row]:
    rows: list[Row] = []
    for revision in revisions:
        variants = revision.content.get("variants", [])
        first = variants[0]["text"] if variants else ""
        rows.append(
            [
                {"text": str(revision.number)},
                {"text": datetime_filter(revision.created_at)},
                {"text": revision.editor.display_name},
                {"text": first[:120] + ("…" if len(first) > 120 else "")},
            ]
        )
    return rows


def delivery_rows(deliveries: Iterable[Delivery]) -> list[Row]:
    rows: list[Row] = []
    for delivery in deliveries:
        where: Cell = {"text": ""}
        if delivery.remote_url:
            where = {"html": link(delivery.remote_url, "See it on the network")}
        rows.append(
            [
                {"text": delivery.account.name},
                {"html": tag(delivery.status, Delivery.Status(delivery.status).label)},
                {"text": datetime_filter(delivery.due_at)},
                {"text": str(delivery.attempts)},
                where,
                {"text": delivery.last_error},
            ]
        )
    return rows


def hold_rows(holds: Iterable[Hold]) -> list[Row]:
    rows: list[Row] = []
    for hold in holds:
        accounts = ", ".join(a.name for a in hold.accounts.all()) or "Every account"
        rows.append(
            [
                {"text": hold.get_kind_display()},
                {"text": hold.reason},
                {"text": accounts},
                {"text": hold.started_by.display_name},
                {"text": datetime_filter(hold.starts_at)},
                {"html": tag(hold.status, hold.get_status_display())},
            ]
        )
    return rows


def media_rows(items: Iterable[MediaItem]) -> list[Row]:
    rows: list[Row] = []
    for item in items:
        state = "Withdrawn" if item.withdrawn_at else "Available"
        rows.append(
            [
                {
                    "html": link(
                        reverse("publishing:media_item", args=[item.public_id]), item.original_name
                    )
                },
                {"text": item.get_kind_display()},
                {"text": item.source},
                {"text": item.licence},
                {"text": "Yes" if item.shows_people else "No"},
                {"text": date_filter(item.expires_on, empty="No end")},
                {"text": state},
            ]
        )
    return rows


def media_summary(item: MediaItem) -> list[Cell]:
    rows = [
        ("Kind", item.get_kind_display()),
        ("File type", item.content_type),
        ("Size", f"{item.size_bytes / 1024:.0f} KB"),
        ("Alt text", item.alt_text or "None"),
        ("Source", item.source),
        ("Licence", item.licence),
        ("Shows people", "Yes" if item.shows_people else "No"),
        ("Consent reference", item.consent_reference or "None"),
        ("Right to use ends", date_filter(item.expires_on, empty="No end")),
        ("Uploaded by", item.uploaded_by.display_name),
        ("Uploaded", datetime_filter(item.created_at)),
        ("SHA-256", item.sha256),
    ]
    if item.kind == MediaItem.Kind.VIDEO:
        rows.append(("Captions", item.captions.original_name if item.captions else "None"))
    if item.withdrawn_at:
        rows.append(("Withdrawn", f"{datetime_filter(item.withdrawn_at)}: {item.withdrawn_reason}"))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]
