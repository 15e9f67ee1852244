"""The inbox's reads, each starting from the council: the list with filters (keyset paged, with
a capped count so a page never counts a million rows), one conversation with the resident's
earlier contact, escalations, outcome and consultation figures, and the records search."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from herald.councils.roles import Role
from herald.inbox import workflow
from herald.inbox.models import Conversation, Escalation, Message, ResponseTarget, ServiceRoute

if TYPE_CHECKING:
    from uuid import UUID

    from herald.accounts.models import User
    from herald.councils.models import Council, Team
    from herald.publishing.models import Campaign

# Who works the inbox, and who changes its settings.
WORKERS = (Role.DIGITAL_TEAM, Role.ACCOUNT_OWNER, Role.EDITOR, Role.COUNCIL_ADMIN)
SETTINGS_EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
PAGE_SIZE = 25
COUNT_CAP = 1000
VIEWS = {
    "": "All open",
    "mine": "Assigned to me",
    "my_team": "My team",
    "unassigned": "Unassigned",
    "overdue": "Overdue",
}


@dataclass(frozen=True)
class Filters:
    view: str = ""
    status: str = "open"  # "open", "closed", "all" or one status
    service_id: int | None = None
    team_id: int | None = None
    priority: str = ""
    tag: str = ""
    account_id: int | None = None


@dataclass(frozen=True)
class Page:
    items: list[Conversation]
    next_cursor: str
    count: int
    count_capped: bool

    @property
    def count_text(self) -> str:
        return f"More than {COUNT_CAP:,}" if self.count_capped else f"{self.count:,}"


def _status_q(status: str) -> Q:
    if status == "all":
        return Q()
    if status == "closed":
        return Q(status__in=workflow.CLOSED)
    if status in Conversation.Status.values:
        return Q(status=status)
    return Q(status__in=workflow.OPEN)


def filtered(
    *, council: Council, filters: Filters, user: User | None = None, team: Team | None = None
) -> QuerySet[Conversation]:
    """The council's conversations matching ``filters`` (no order, no paging)."""
    found = council.conversations.filter(_status_q(filters.status))
    if filters.view == "mine":
        found = found.filter(assignee=user)
    elif filters.view == "my_team":
        found = found.filter(team=team) if team is not None else found.none()
    elif filters.view == "unassigned":
        found = found.filter(assignee__isnull=True, team__isnull=True)
    elif filters.view == "overdue":
        found = found.filter(next_due_at__lt=timezone.now())
    exact: dict[str, Any] = {
        "service_id": filters.service_id,
        "team_id": filters.team_id,
        "priority": filters.priority,
        "account_id": filters.account_id,
    }
    found = found.filter(**{name: value for name, value in exact.items() if value})
    if filters.tag:
        # Tags are a JSON list; matching the quoted tag in its text works on SQLite and PostgreSQL.
        found = found.filter(tags__icontains=f'"{filters.tag}"')
    return found


def _cursor(conversation: Conversation, overdue: bool) -> str:
    at = conversation.next_due_at if overdue else conversation.last_message_at
    return f"{at.isoformat() if at else ''}_{conversation.pk}"


def _after(found: QuerySet[Conversation], cursor: str, overdue: bool) -> QuerySet[Conversation]:
    at_text, _, id_text = cursor.rpartition("_")
    try:
        at, pk = datetime.datetime.fromisoformat(at_text), int(id_text)
    except ValueError:
        return found  # a mangled cursor starts from the beginning rather than failing
    # A range on the indexed column plus an exclusion for the ties, rather than an OR of the
    # two: with the OR, SQLite gave up the index and sorted the whole table for a second page.
    if overdue:
        return found.filter(next_due_at__gte=at).exclude(next_due_at=at, id__lte=pk)
    return found.filter(last_message_at__lte=at).exclude(last_message_at=at, id__gte=pk)


def conversation_page(
    *,
    council: Council,
    filters: Filters,
    user: User | None = None,
    team: Team | None = None,
    cursor: str = "",
    size: int = PAGE_SIZE,
) -> Page:
    """One page of the list: newest first (the overdue view: most overdue first)."""
    found = filtered(council=council, filters=filters, user=user, team=team)
    overdue = filters.view == "overdue"
    ordered = found.order_by(*(("next_due_at", "id") if overdue else ("-last_message_at", "-id")))
    if cursor:
        ordered = _after(ordered, cursor, overdue)
    # The account comes in a second query: joined (an inner join), it led SQLite to start from
    # the accounts table and sort every matching conversation instead of walking the index.
    items = list(
        ordered.select_related("service", "team", "assignee").prefetch_related("account")[
            : size + 1
        ]
    )
    more = len(items) > size
    items = items[:size]
    count = found.order_by()[: COUNT_CAP + 1].count()
    return Page(
        items=items,
        next_cursor=_cursor(items[-1], overdue) if more else "",
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
    )


def conversation(*, council: Council, public_id: UUID | str) -> Conversation:
    """One of the council's conversations (another council's is a 404 at the edge)."""
    return council.conversations.select_related(
        "service", "team", "assignee", "account", "campaign"
    ).get(public_id=public_id)


def earlier_contact(*, conversation: Conversation, limit: int = 10) -> list[Conversation]:
    """The resident's other conversations with the council, newest first."""
    return list(
        conversation.council.conversations.filter(resident_handle=conversation.resident_handle)
        .exclude(pk=conversation.pk)
        .select_related("service")
        .order_by("-last_message_at", "-id")[:limit]
    )


def messages_of(conversation: Conversation) -> list[Message]:
    return list(conversation.messages.order_by("sent_at", "id"))


def escalations(
    *, council: Council, kind: str = "", open_only: bool = True
) -> QuerySet[Escalation]:
    found = Escalation.objects.filter(council=council)
    if kind:
        found = found.filter(kind=kind)
    if open_only:
        found = found.exclude(status=Escalation.Status.CLOSED)
    return found.select_related("conversation", "assigned_to", "assigned_team").order_by(
        "due_on", "id"
    )


def escalation(*, council: Council, public_id: UUID | str) -> Escalation:
    return escalations(council=council, open_only=False).get(public_id=public_id)


@dataclass(frozen=True)
class OutcomeRow:
    service: str
    outcome: str
    count: int


def outcome_figures(
    *, council: Council, since: datetime.datetime | None = None
) -> list[OutcomeRow]:
    """Closed conversations by service and outcome: the value-for-money figures."""
    found = council.conversations.filter(status__in=workflow.CLOSED).exclude(outcome="")
    if since is not None:
        found = found.filter(resolved_at__gte=since)
    rows = (
        found.values("service__name", "outcome")
        .annotate(n=Count("id"))
        .order_by("service__name", "outcome")
    )
    return [
        OutcomeRow(
            service=row["service__name"] or "No service",
            outcome=Conversation.Outcome(row["outcome"]).label,
            count=row["n"],
        )
        for row in rows
    ]


def within_target(*, council: Council) -> dict[str, int]:
    """How many first responses met their target and how many did not."""
    answered = council.conversations.filter(first_responded_at__isnull=False)
    met = answered.filter(first_responded_at__lte=F("first_response_due_at")).count()
    return {"met": met, "missed": answered.count() - met}


def satisfaction(*, council: Council) -> dict[str, float | int]:
    """Answers to the satisfaction question (1-5) and their average."""
    scored = council.conversations.filter(satisfaction__isnull=False).aggregate(
        answers=Count("id"), average=Avg("satisfaction")
    )
    return {"answers": scored["answers"], "average": round(scored["average"] or 0, 1)}


@dataclass(frozen=True)
class ConsultationCount:
    public_id: object
    name: str
    conversations: int
    messages: int


def consultation_counts(*, council: Council) -> list[ConsultationCount]:
    """Each consultation with the conversations linked to it and the residents' messages."""
    counts: dict[int, dict[str, int]] = {
        row["campaign_id"]: {"conversations": row["conversations"], "messages": row["incoming"]}
        for row in council.conversations.filter(campaign__isnull=False)
        .values("campaign_id")
        .annotate(
            conversations=Count("id", distinct=True),
            incoming=Count("messages", filter=Q(messages__direction=Message.Direction.IN)),
        )
        .order_by()
    }
    return [
        ConsultationCount(
            public_id=campaign.public_id,
            name=campaign.name,
            conversations=counts.get(campaign.pk, {}).get("conversations", 0),
            messages=counts.get(campaign.pk, {}).get("messages", 0),
        )
        for campaign in council.campaigns.filter(is_consultation=True).order_by("name")
    ]


def consultations(*, council: Council) -> QuerySet[Campaign]:
    return council.campaigns.filter(is_consultation=True, archived_at__isnull=True).order_by("name")


@dataclass(frozen=True)
class RecordQuery:
    person: str = ""
    text: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


RECORDS_LIMIT = 500


def records(*, council: Council, query: RecordQuery) -> list[Conversation]:
    """Conversations for an FOI or subject access request: by the person's handle or name, words
    in any message, and dates of contact (at most RECORDS_LIMIT, newest first)."""
    found = council.conversations.all()
    if query.person:
        found = found.filter(
            Q(resident_handle__icontains=query.person) | Q(resident_name__icontains=query.person)
        )
    if query.text:
        found = found.filter(
            id__in=Message.objects.filter(
                conversation__council=council, text__icontains=query.text
            ).values("conversation_id")
        )
    if query.since:
        found = found.filter(last_message_at__date__gte=query.since)
    if query.until:
        found = found.filter(first_message_at__date__lte=query.until)
    return list(
        found.select_related("service", "account").order_by("-last_message_at", "-id")[
            :RECORDS_LIMIT
        ]
    )


def response_targets(*, council: Council) -> list[ResponseTarget]:
    """The council's default target first, then each service's."""
    found = ResponseTarget.objects.filter(council=council).select_related("service")
    return sorted(found, key=lambda t: (t.service is not None, t.service.name if t.service else ""))


def routes(*, council: Council) -> list[ServiceRoute]:
    return list(ServiceRoute.objects.filter(council=council).select_related("service", "team"))
