"""The service navigation: each person sees the sections their roles reach, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from herald.councils.context import CouncilContext
from herald.councils.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]  # empty: everyone working in the council

    def visible_to(self, context: CouncilContext) -> bool:
        return not self.roles or context.has_any(*self.roles)


_ESTATE_READERS = frozenset({Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN, Role.ACCOUNT_OWNER})
_SETTINGS_EDITORS = frozenset({Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN})
_COMPLIANCE_READERS = frozenset({Role.HR, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN})
_PUBLISHING_READERS = frozenset(
    {Role.EDITOR, Role.ACCOUNT_OWNER, Role.DIGITAL_TEAM, Role.APPROVER, Role.COUNCIL_ADMIN}
)
_LISTENING_READERS = frozenset(
    {Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN, Role.APPROVER, Role.ACCOUNT_OWNER}
)

NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "home:home", frozenset()),
    # The council's social media work first (publishing, then the register), then learning, then
    # its people, then set-up.
    NavItem("Posts", "publishing:posts", _PUBLISHING_READERS),
    NavItem("Approvals", "publishing:approvals", frozenset({Role.APPROVER, Role.DIGITAL_TEAM})),
    NavItem("Calendar", "publishing:calendar", _PUBLISHING_READERS),
    NavItem("Holds", "publishing:holds", _PUBLISHING_READERS),
    NavItem("Media library", "publishing:media", _PUBLISHING_READERS),
    NavItem(
        "Inbox",
        "inbox:list",
        frozenset({Role.DIGITAL_TEAM, Role.ACCOUNT_OWNER, Role.EDITOR, Role.COUNCIL_ADMIN}),
    ),
    NavItem("Listening", "listening:dashboard", _LISTENING_READERS),
    NavItem("Social media accounts", "estate:register", _ESTATE_READERS),
    NavItem("Findings", "estate:findings", _ESTATE_READERS),
    NavItem("Connections", "channels:connections", _SETTINGS_EDITORS),
    NavItem("Account requests", "estate:my_requests", frozenset()),
    NavItem(
        "Access review",
        "estate:access",
        frozenset({Role.HR, Role.ICT, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN}),
    ),
    NavItem("Network policy", "network:overview", frozenset({Role.ICT, Role.COUNCIL_ADMIN})),
    NavItem(
        "Network usage",
        "network:usage",
        frozenset({Role.ICT, Role.HR, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN}),
    ),
    NavItem(
        "Programme",
        "programme:overview",
        frozenset({Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN, Role.COMMITTEE_MEMBER}),
    ),
    NavItem("Check a post", "standards:check", frozenset()),
    NavItem("My learning", "learning:my_learning", frozenset()),
    NavItem("Policies", "learning:policies", frozenset()),
    NavItem("My team", "people:my_team", frozenset({Role.LINE_MANAGER})),
    NavItem("Team training", "learning:team", frozenset({Role.LINE_MANAGER})),
    NavItem("Staff", "people:list", frozenset({Role.HR, Role.COUNCIL_ADMIN, Role.DIGITAL_TEAM})),
    NavItem("Compliance", "learning:compliance", _COMPLIANCE_READERS),
    NavItem("Import staff", "people:import", frozenset({Role.HR, Role.COUNCIL_ADMIN})),
    NavItem("Services", "councils:organisation", frozenset({Role.HR, Role.COUNCIL_ADMIN})),
    NavItem("Standards settings", "standards:settings", _SETTINGS_EDITORS),
    NavItem("Members and roles", "councils:members", frozenset({Role.COUNCIL_ADMIN})),
    NavItem("Audit trail", "audit:list", frozenset({Role.COUNCIL_ADMIN})),
)


def navigation_items(
    *, context: CouncilContext | None, current_path: str
) -> list[dict[str, object]]:
    """GOV.UK service navigation items for this person, marking the page they are on."""
    if context is None:
        return []
    links = [
        (item.label, reverse(item.url_name)) for item in NAVIGATION if item.visible_to(context)
    ]
    # The most specific link containing the page is the current one (/staff/import/ is
    # "Import staff", not "Staff"); Home only for the home page itself.
    matches = [href for _, href in links if current_path.startswith(href) and href != "/"]
    current = max(matches, key=len) if matches else ("/" if current_path == "/" else "")
    return [{"text": label, "href": href, "active": href == current} for label, href in links]


def navigation_for_request(request: HttpRequest) -> list[dict[str, object]]:
    return navigation_items(
        context=getattr(request, "council_context", None), current_path=request.path
    )
