"""Reads about the inbox for the programme's figures (report ¶17): how contacts were handled,
how quickly they were answered, how satisfied residents were, and consultation conversations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from herald.inbox.models import Conversation

if TYPE_CHECKING:
    from herald.councils.models import Council


@dataclass(frozen=True)
class InboxMonth:
    month: datetime.date
    conversations: int
    outcomes: dict[str, int]
    with_target: int
    within_target: int
    satisfaction_responses: int
    satisfaction_mean: float | None


def _started(
    council: Council, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        council=council, first_message_at__gte=start, first_message_at__lt=end
    )


def inbox_by_month(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> list[InboxMonth]:
    """Conversations that began in [start, end), by month: outcomes, first responses within their
    target, satisfaction where asked. Two grouped queries."""
    within = Q(first_responded_at__isnull=False, first_responded_at__lte=F("first_response_due_at"))
    totals = (
        _started(council, start, end)
        .annotate(month=TruncMonth("first_message_at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            targeted=Count("pk", filter=Q(first_response_due_at__isnull=False)),
            within=Count("pk", filter=within),
            rated=Count("satisfaction"),
            mean=Avg("satisfaction"),
        )
        .order_by("month")
    )
    outcomes: dict[datetime.date, dict[str, int]] = {}
    rows = (
        _started(council, start, end)
        .exclude(outcome="")
        .annotate(month=TruncMonth("first_message_at"))
        .values_list("month", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for month, outcome, n in rows:
        outcomes.setdefault(_day(month), {})[outcome] = n
    return [
        InboxMonth(
            month=_day(row["month"]),
            conversations=row["n"],
            outcomes=outcomes.get(_day(row["month"]), {}),
            with_target=row["targeted"],
            within_target=row["within"],
            satisfaction_responses=row["rated"],
            satisfaction_mean=row["mean"],
        )
        for row in totals
    ]


def conversations_by_campaign(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> dict[int, int]:
    """{campaign id: conversations begun in [start, end) that belong to it}."""
    return dict(
        _started(council, start, end)
        .filter(campaign__isnull=False)
        .values("campaign_id")
        .annotate(n=Count("pk"))
        .values_list("campaign_id", "n")
    )


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
