"""Aim 2, reputation through satisfaction and take-up (report ¶17): what residents said, how
quickly and how well they were answered, clicks to service pages, and audience growth."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.listening import reporting as listening
from herald.programme import selectors
from herald.programme.kpis.base import Aim, Kpi, Unit, share
from herald.programme.models import RecordedFigure

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.inbox.reporting import InboxMonth
    from herald.programme.periods import Period


def _series(
    period: Period, values: dict[datetime.date, float | None]
) -> list[tuple[datetime.date, float | None]]:
    return [(month, values.get(month)) for month in period.months]


def reputation_kpis(
    *, council: Council, period: Period, inbox_months: list[InboxMonth]
) -> list[Kpi]:
    return [
        _sentiment(council, period),
        _response_times(period, inbox_months),
        _satisfaction(period, inbox_months),
        _clicks(council, period),
        _audience(council, period),
    ]


def _sentiment(council: Council, period: Period) -> Kpi:
    months = listening.sentiment_by_month(
        council=council, start=period.starts_at, end=period.ends_at
    )
    total = sum(m.total for m in months)
    net = 100 * sum(m.positive - m.negative for m in months) / total if total else None
    return Kpi(
        key="net_sentiment",
        aim=Aim.REPUTATION,
        name="Net sentiment of mentions",
        definition="Mentions of the council judged positive less those judged negative, as a "
        "share of all mentions heard (from -100, all negative, to +100, all positive).",
        unit=Unit.NET,
        value=net,
        target=0.0,
        target_text="Above zero: more positive mentions than negative",
        no_data="No mentions were heard in this period.",
        trend=_series(period, {m.month: m.net_sentiment for m in months}),
        breakdown=[
            ("Mentions heard", f"{total:,}"),
            ("Positive", f"{sum(m.positive for m in months):,}"),
            ("Negative", f"{sum(m.negative for m in months):,}"),
        ],
    )


def _response_times(period: Period, months: list[InboxMonth]) -> Kpi:
    targeted = sum(m.with_target for m in months)
    within = sum(m.within_target for m in months)
    return Kpi(
        key="response_within_target",
        aim=Aim.REPUTATION,
        name="First responses within target",
        definition="Conversations that began in the period and had a response target, answered "
        "for the first time within it (targets are in working hours, set per service).",
        unit=Unit.PERCENT,
        value=share(within, targeted),
        target=90.0,
        target_text="At least 90%",
        no_data="No conversation with a response target began in this period.",
        trend=_series(period, {m.month: share(m.within_target, m.with_target) for m in months}),
        breakdown=[("With a target", f"{targeted:,}"), ("Answered within it", f"{within:,}")],
    )


def _satisfaction(period: Period, months: list[InboxMonth]) -> Kpi:
    rated = sum(m.satisfaction_responses for m in months)
    total = sum((m.satisfaction_mean or 0) * m.satisfaction_responses for m in months)
    return Kpi(
        key="satisfaction",
        aim=Aim.REPUTATION,
        name="Resident satisfaction",
        definition="The average rating (1 to 5) residents gave when asked at the end of a "
        "conversation that began in the period.",
        unit=Unit.SCORE,
        value=total / rated if rated else None,
        target=4.0,
        target_text="At least 4 out of 5",
        no_data="No resident rated a conversation in this period.",
        trend=_series(period, {m.month: m.satisfaction_mean for m in months}),
        breakdown=[("Ratings", f"{rated:,}")],
    )


def _clicks(council: Council, period: Period) -> Kpi:
    by_month = selectors.clicks_by_month(council=council, start=period.start, end=period.end)
    total = sum(by_month.values())
    return Kpi(
        key="service_clicks",
        aim=Aim.REPUTATION,
        name="Clicks to service pages",
        definition="Times residents followed Herald's tracked short links (/l/…) from the "
        "council's posts to service pages. Only a daily count is kept, nothing about who clicked.",
        unit=Unit.COUNT,
        value=float(total) if by_month else None,
        target=None,
        target_text="To rise each quarter",
        no_data="No tracked short link was followed in this period.",
        trend=_series(period, {k: float(v) for k, v in by_month.items()}),
    )


def _audience(council: Council, period: Period) -> Kpi:
    by_month = selectors.figures_by_month(
        council=council, kind=RecordedFigure.Kind.FOLLOWERS, start=period.start, end=period.end
    )
    known = [by_month[m] for m in period.months if m in by_month]
    growth = 100 * (known[-1] - known[0]) / known[0] if len(known) > 1 and known[0] else None
    return Kpi(
        key="audience_growth",
        aim=Aim.REPUTATION,
        name="Audience growth",
        definition="Growth in followers across the council's accounts, from the first month "
        "recorded in the period to the last (figures recorded at the end of each month).",
        unit=Unit.PERCENT,
        value=growth,
        target=5.0,
        target_text="At least 5% over six months",
        no_data="Follower counts were not recorded for at least two months of this period.",
        trend=_series(period, {k: float(v) for k, v in by_month.items()}),
        trend_unit=Unit.COUNT,
        breakdown=[("Followers at the end", f"{known[-1]:,}")] if known else [],
    )
