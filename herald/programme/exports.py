"""Every programme table as rows for CSV: the signed-in downloads and the token feed share them."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.programme import selectors
from herald.programme.kpis import all_kpis
from herald.programme.periods import Period
from herald.programme.progress import plan_status

if TYPE_CHECKING:
    from herald.councils.models import Council

Rows = Iterable[list[object]]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    header: list[str]
    rows: Callable[[Council, Period], Rows]
    editors_only: bool = False


def _phases(council: Council, period: Period) -> Rows:
    for s in plan_status(council=council, today=timezone.localdate()):
        yield [
            s.phase.number,
            s.phase.name,
            s.phase.starts_on,
            s.phase.due_on,
            s.phase.get_measure_display(),
            s.progress,
            s.rag.value,
            s.evidence,
        ]


def _tasks(council: Council, period: Period) -> Rows:
    for s in plan_status(council=council, today=timezone.localdate()):
        for t in s.tasks:
            yield [
                s.phase.number,
                t.task.title,
                str(t.task.owner or ""),
                t.task.starts_on,
                t.task.due_on,
                t.progress,
                t.rag.value,
                t.task.is_milestone,
                "; ".join(t.blocked_by),
            ]


def _kpis(council: Council, period: Period) -> Rows:
    for kpi in all_kpis(council=council, period=period):
        for month, value in kpi.trend:
            yield [
                kpi.aim.value,
                kpi.key,
                kpi.name,
                month,
                "" if value is None else round(value, 2),
                "" if kpi.target is None else kpi.target,
                kpi.unit.value,
            ]


def _unit_costs(council: Council, period: Period) -> Rows:
    for channel, (pence, source) in selectors.unit_costs(council=council).items():
        yield [channel, f"{pence / 100:.2f}", source]


def _budgets(council: Council, period: Period) -> Rows:
    for b in selectors.budgets(council=council):
        yield [
            b.financial_year,
            b.name,
            f"{b.amount_pence / 100:.2f}",
            f"{(getattr(b, 'spent', 0) or 0) / 100:.2f}",
        ]


def _spend(council: Council, period: Period) -> Rows:
    for e in selectors.spend(council=council).filter(
        spent_on__gte=period.start, spent_on__lte=period.end
    ):
        yield [
            e.spent_on,
            e.budget.name,
            e.budget.financial_year,
            f"{e.amount_pence / 100:.2f}",
            e.description,
            e.supplier,
        ]


def _links(council: Council, period: Period) -> Rows:
    for link in selectors.links(council=council):
        yield [
            link.code,
            link.label,
            link.target_url,
            link.service.name if link.service else "",
            link.is_active,
            getattr(link, "clicks", 0) or 0,
        ]


def _figures(council: Council, period: Period) -> Rows:
    for f in selectors.figures(council=council).filter(
        month__gte=period.start.replace(day=1), month__lte=period.end
    ):
        yield [f.kind, f.month, f.account.handle if f.account else "", f.value]


TABLES = {
    t.name: t
    for t in (
        Table(
            "phases",
            "Phases",
            ["number", "phase", "starts_on", "due_on", "measure", "progress", "rag", "evidence"],
            _phases,
        ),
        Table(
            "tasks",
            "Tasks",
            [
                "phase",
                "task",
                "owner",
                "starts_on",
                "due_on",
                "progress",
                "rag",
                "milestone",
                "waiting_for",
            ],
            _tasks,
        ),
        Table(
            "kpis",
            "KPIs by month",
            ["aim", "key", "kpi", "month", "value", "target", "unit"],
            _kpis,
        ),
        Table(
            "unit_costs",
            "Unit costs",
            ["channel", "pounds_per_contact", "source"],
            _unit_costs,
            editors_only=True,
        ),
        Table(
            "budgets",
            "Budgets",
            ["financial_year", "budget", "amount", "spent"],
            _budgets,
            editors_only=True,
        ),
        Table(
            "spend",
            "Spend ledger",
            ["spent_on", "budget", "financial_year", "amount", "description", "supplier"],
            _spend,
            editors_only=True,
        ),
        Table(
            "links",
            "Short links",
            ["code", "label", "target_url", "service", "active", "clicks"],
            _links,
            editors_only=True,
        ),
        Table(
            "figures",
            "Recorded figures",
            ["kind", "month", "account", "value"],
            _figures,
            editors_only=True,
        ),
    )
}


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is quoted; numbers and dates pass."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def table_csv(table: Table, *, council: Council, period: Period) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    for row in table.rows(council, period):
        writer.writerow([_safe(v) for v in row])
    return out.getvalue()
