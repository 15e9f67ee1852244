"""The home page per role: what needs this person's attention now, from each context's selectors."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from herald.audit.selectors import audit_events
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.estate.selectors import (
    REGISTER_ROLES,
    manages_estate,
    review_queue,
    visible_findings,
)
from herald.learning.selectors import learning_due
from herald.people.selectors import direct_report_count, staff_counts


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str
    href: str
    count: int | None = None


@dataclass
class HomePage:
    greeting: str
    council_name: str
    role_names: list[str]
    attention: list[AttentionItem] = field(default_factory=list)


def home_page(*, context: CouncilContext) -> HomePage:
    page = HomePage(
        greeting=f"Hello, {context.membership.user.display_name}",
        council_name=context.council.name,
        role_names=sorted(Role(r).label for r in context.roles),
    )
    page.attention.extend(_estate_items(context))
    page.attention.extend(_learning_items(context))
    if context.has_any(Role.LINE_MANAGER):
        page.attention.extend(_line_manager_items(context))
    if context.has_any(Role.HR, Role.COUNCIL_ADMIN):
        page.attention.extend(_people_items(context))
    if context.has_any(Role.COUNCIL_ADMIN):
        page.attention.extend(_admin_items(context))
    return page


def _estate_items(context: CouncilContext) -> list[AttentionItem]:
    """The digital team: requests to review; whoever looks after accounts: their open findings."""
    items = []
    if manages_estate(context):
        waiting = review_queue(council=context.council).count()
        if waiting:
            items.append(
                AttentionItem(
                    title="Account requests to review",
                    detail="Services have asked for new social media accounts.",
                    href=reverse("estate:review_queue"),
                    count=waiting,
                )
            )
    if context.has_any(*REGISTER_ROLES):
        open_findings = visible_findings(context=context).count()
        if open_findings:
            items.append(
                AttentionItem(
                    title="Social media account findings",
                    detail="Problems the daily check found on accounts you look after.",
                    href=reverse("estate:findings"),
                    count=open_findings,
                )
            )
    return items


def _learning_items(context: CouncilContext) -> list[AttentionItem]:
    """Everyone: policies to acknowledge and the all-staff module when it is due."""
    staff = context.membership.staff_member
    if staff is None:
        return []
    to_acknowledge, training_due = learning_due(council=context.council, staff_member=staff)
    items = []
    if to_acknowledge:
        items.append(
            AttentionItem(
                title="Policy to acknowledge",
                detail="Read the council's policy and confirm you have understood it.",
                href=reverse("learning:my_learning"),
                count=to_acknowledge,
            )
        )
    if training_due:
        items.append(
            AttentionItem(
                title="Training due",
                detail="Complete the digital and social media awareness module.",
                href=reverse("learning:my_learning"),
                count=training_due,
            )
        )
    return items


def _line_manager_items(context: CouncilContext) -> list[AttentionItem]:
    manager = context.membership.staff_member
    if manager is None:
        return []
    count = direct_report_count(manager=manager)
    return [
        AttentionItem(
            title="Your team",
            detail=f"You manage {count} {'person' if count == 1 else 'people'}.",
            href=reverse("people:my_team"),
            count=count,
        )
    ]


def _people_items(context: CouncilContext) -> list[AttentionItem]:
    counts = staff_counts(council=context.council)
    items = []
    if counts["without_line_manager"]:
        items.append(
            AttentionItem(
                title="Staff without a line manager",
                detail="Line managers see their team's training and rights; these people have none.",
                href=reverse("people:list"),
                count=counts["without_line_manager"],
            )
        )
    if counts["without_sign_in"]:
        items.append(
            AttentionItem(
                title="Staff who cannot sign in yet",
                detail="They need a sign-in before they can acknowledge the policy.",
                href=reverse("people:list"),
                count=counts["without_sign_in"],
            )
        )
    return items


def _admin_items(context: CouncilContext) -> list[AttentionItem]:
    recent = audit_events(council=context.council)[:1]
    latest = recent[0].summary if recent else "No changes recorded yet."
    return [AttentionItem(title="Latest change", detail=latest, href=reverse("audit:list"))]
