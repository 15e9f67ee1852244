"""Aim 3, democratic participation (report ¶17): engagement with consultations, registration
drives and live-streamed meetings."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.inbox import reporting as inbox
from herald.programme import selectors
from herald.programme.kpis.base import Aim, Kpi, Unit
from herald.programme.models import RecordedFigure
from herald.programme.periods import midnight, next_month
from herald.publishing import reporting as publishing

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.programme.periods import Period


def participation_kpis(*, council: Council, period: Period) -> list[Kpi]:
    return [
        _consultations(council, period),
        _recorded(
            council,
            period,
            kind=RecordedFigure.Kind.REGISTRATIONS,
            name="Voter registrations from drives",
            definition="Registrations the electoral services team attributes to the council's "
            "social media registration drives, recorded each month.",
            target_text="To rise in the months before an election",
            no_data="No registration drive figures were recorded for this period.",
        ),
        _recorded(
            council,
            period,
            kind=RecordedFigure.Kind.LIVESTREAM_VIEWS,
            name="Meeting live-stream views",
            definition="Views of council and committee meetings streamed live, where recorded.",
            target_text="To rise each quarter",
            no_data="No live-stream views were recorded for this period.",
        ),
    ]


def _consultations(council: Council, period: Period) -> Kpi:
    running = publishing.consultations(council=council, start=period.start, end=period.end)
    ids = {c.campaign_id for c in running}
    trend: list[tuple[datetime.date, float | None]] = []
    for month in period.months:
        counts = inbox.conversations_by_campaign(
            council=council,
            start=max(period.starts_at, midnight(month)),
            end=min(period.ends_at, midnight(next_month(month))),
        )
        trend.append((month, float(sum(n for cid, n in counts.items() if cid in ids))))
    conversations = inbox.conversations_by_campaign(
        council=council, start=period.starts_at, end=period.ends_at
    )
    engaged = sum(n for cid, n in conversations.items() if cid in ids)
    return Kpi(
        key="consultation_engagement",
        aim=Aim.PARTICIPATION,
        name="Engagement with consultations",
        definition="Conversations with residents on the council's consultation campaigns that "
        "began in the period.",
        unit=Unit.COUNT,
        value=float(engaged) if running else None,
        target=None,
        target_text="To rise with each consultation",
        no_data="No consultation campaign ran in this period.",
        trend=trend if running else [(m, None) for m in period.months],
        breakdown=[
            (
                c.name,
                f"{conversations.get(c.campaign_id, 0):,} conversations, "
                f"{c.posts_published:,} posts",
            )
            for c in running
        ],
    )


def _recorded(
    council: Council,
    period: Period,
    *,
    kind: str,
    name: str,
    definition: str,
    target_text: str,
    no_data: str,
) -> Kpi:
    by_month = selectors.figures_by_month(
        council=council, kind=kind, start=period.start, end=period.end
    )
    return Kpi(
        key=kind,
        aim=Aim.PARTICIPATION,
        name=name,
        definition=definition,
        unit=Unit.COUNT,
        value=float(sum(by_month.values())) if by_month else None,
        target=None,
        target_text=target_text,
        no_data=no_data,
        trend=[(m, float(by_month[m]) if m in by_month else None) for m in period.months],
    )
