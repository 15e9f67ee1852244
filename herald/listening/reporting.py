"""Reads about what residents said, for the programme's reputation figures (report ¶17).

From the hourly rollups, so a report over years of mentions reads thousands of rows, not millions.
Only the rollups across all queries (``query_id_key`` 0) are read: the per-query rows count the
same mentions again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from herald.listening.models import MentionRollup

if TYPE_CHECKING:
    from herald.councils.models import Council


@dataclass(frozen=True)
class SentimentMonth:
    month: datetime.date
    total: int
    positive: int
    neutral: int
    negative: int
    engagement: int

    @property
    def net_sentiment(self) -> float | None:
        """Positive minus negative, as a share of all mentions (-100 to 100)."""
        return 100 * (self.positive - self.negative) / self.total if self.total else None


def sentiment_by_month(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> list[SentimentMonth]:
    """Mentions in [start, end) by month with their sentiment and engagement: one grouped query."""
    rows = (
        MentionRollup.objects.filter(council=council, query_id_key=0, hour__gte=start, hour__lt=end)
        .annotate(month=TruncMonth("hour"))
        .values("month")
        .annotate(
            t=Sum("total"),
            p=Sum("positive"),
            u=Sum("neutral"),
            n=Sum("negative"),
            e=Sum("engagement"),
        )
        .order_by("month")
    )
    return [
        SentimentMonth(
            month=_day(row["month"]),
            total=row["t"] or 0,
            positive=row["p"] or 0,
            neutral=row["u"] or 0,
            negative=row["n"] or 0,
            engagement=row["e"] or 0,
        )
        for row in rows
    ]


def mentions_by_service(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> list[tuple[str, int, int]]:
    """(service label, mentions, negative) in [start, end), busiest first."""
    rows = (
        MentionRollup.objects.filter(council=council, query_id_key=0, hour__gte=start, hour__lt=end)
        .values("service_label")
        .annotate(t=Sum("total"), n=Sum("negative"))
        .order_by("-t", "service_label")
    )
    return [(row["service_label"] or "Not routed", row["t"] or 0, row["n"] or 0) for row in rows]


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
