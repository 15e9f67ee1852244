"""Everything a committee report says about a period, gathered once from every context."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herald.estate import reporting as estate
from herald.listening import reporting as listening
from herald.programme.charts import bar_chart
from herald.programme.kpis import Aim, Kpi, all_kpis, show
from herald.programme.progress import PhaseStatus, plan_status
from herald.programme.rag import Rag
from herald.programme.report.sections import SECTIONS, TO_COMPLETE
from herald.publishing import reporting as publishing

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.programme.periods import Period


@dataclass(frozen=True)
class KpiView:
    kpi: Kpi
    shown: str
    chart: str
    trend_rows: list[tuple[str, str]]
    status: str


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Content:
    council: str
    title: str
    period: Period
    generated_on: datetime.date
    sections: dict[str, str]
    facts: list[Fact]
    kpis: dict[Aim, list[KpiView]]
    phases: list[PhaseStatus]
    risks: list[str]
    services: list[tuple[str, int, int]]

    @property
    def section_list(self) -> list[tuple[str, str, list[str], bool]]:
        """(key, heading, paragraphs, still to complete) for each author's section."""
        out = []
        for section in SECTIONS:
            text = self.sections.get(section.key, "").strip()
            paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
            out.append((section.key, section.heading, paragraphs, TO_COMPLETE in text or not text))
        return out


def kpi_view(kpi: Kpi) -> KpiView:
    shown = [show(v, kpi.trend_unit or kpi.unit) for _, v in kpi.trend]
    status = (
        "No data"
        if kpi.met is None and not kpi.has_data
        else "No numeric target"
        if kpi.met is None
        else "Target met"
        if kpi.met
        else "Target not met"
    )
    return KpiView(
        kpi=kpi,
        shown=show(kpi.value, kpi.unit) if kpi.has_data else kpi.no_data,
        chart=bar_chart(chart_id=f"chart-{kpi.key}", title=kpi.name, series=kpi.trend, shown=shown)
        if kpi.has_data
        else "",
        trend_rows=[(f"{m:%B %Y}", s) for (m, _), s in zip(kpi.trend, shown, strict=True)],
        status=status,
    )


def _facts(council: Council, period: Period) -> list[Fact]:
    house = estate.housekeeping(council=council)
    posts = publishing.published_by_month(
        council=council, start=period.starts_at, end=period.ends_at
    )
    heard = listening.sentiment_by_month(
        council=council, start=period.starts_at, end=period.ends_at
    )
    return [
        Fact("Council social media accounts open", f"{house.accounts:,}"),
        Fact("Of which corporate accounts", f"{house.corporate:,}"),
        Fact("Accounts fully branded", f"{house.branding_complete:,}"),
        Fact(
            "Posts published in the period",
            f"{sum(posts.values()):,}" if posts else "None recorded in this period",
        ),
        Fact(
            "Mentions of the council heard",
            f"{sum(m.total for m in heard):,}" if heard else "None heard in this period",
        ),
    ]


def _risks(phases: list[PhaseStatus], kpis: list[Kpi]) -> list[str]:
    out = []
    for status in phases:
        if status.rag in (Rag.RED, Rag.AMBER):
            state = "late or well behind (red)" if status.rag == Rag.RED else "at risk (amber)"
            out.append(
                f"Phase {status.phase.number} ({status.phase.name}) is {state}: "
                f"{status.progress}% done against a deadline of {status.phase.due_on:%-d %B %Y}."
            )
        for task in status.tasks:
            if task.blocked_by and task.rag != Rag.COMPLETE:
                out.append(f"“{task.task.title}” waits for: {', '.join(task.blocked_by)}.")
    out += [
        f"{k.name} is below its target ({k.target_text.lower()})." for k in kpis if k.met is False
    ]
    return out


def build_content(
    *,
    council: Council,
    period: Period,
    title: str,
    sections: dict[str, str],
    today: datetime.date,
) -> Content:
    """Gather the report's figures for ``period``; a section with no data says so."""
    kpis = all_kpis(council=council, period=period)
    phases = plan_status(council=council, today=min(today, period.end))
    grouped: dict[Aim, list[KpiView]] = {aim: [] for aim in Aim}
    for kpi in kpis:
        grouped[kpi.aim].append(kpi_view(kpi))
    return Content(
        council=council.name,
        title=title,
        period=period,
        generated_on=today,
        sections=sections,
        facts=_facts(council, period),
        kpis=grouped,
        phases=phases,
        risks=_risks(phases, kpis),
        services=listening.mentions_by_service(
            council=council, start=period.starts_at, end=period.ends_at
        )[:8],
    )
