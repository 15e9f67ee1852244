"""How far each phase of the implementation plan has got, measured from Herald's own data where
it can be (report ¶18) and from its tasks otherwise, with a RAG status for each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herald.estate import reporting as estate
from herald.learning.compliance import compliance_by_service
from herald.programme.models import Phase, Task
from herald.programme.rag import Rag, rag_status
from herald.publishing import reporting as publishing

if TYPE_CHECKING:
    from herald.councils.models import Council

M = Phase.Measure


@dataclass(frozen=True)
class Measured:
    percent: int | None
    evidence: str


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    progress: int
    rag: Rag
    blocked_by: list[str]


@dataclass(frozen=True)
class PhaseStatus:
    phase: Phase
    progress: int
    evidence: str
    rag: Rag
    tasks: list[TaskStatus]


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def measures(*, council: Council, today: datetime.date) -> dict[str, Measured]:
    """Each measured source of progress, read once for the whole plan."""
    house = estate.housekeeping(council=council)
    end = datetime.datetime.combine(today, datetime.time.min, tzinfo=datetime.UTC)
    schedules = publishing.schedule_adherence(
        council=council, start=end - datetime.timedelta(days=28), end=end
    )
    met = sum(s.met for s in schedules)
    rows = compliance_by_service(council=council, on=today)
    staff = sum(r.staff for r in rows)
    acknowledged = sum(r.acknowledged for r in rows)
    aware = sum(r.aware for r in rows)
    return {
        M.ACCOUNTS_HEALTHY: Measured(
            _pct(house.without_open_findings, house.accounts),
            f"{house.without_open_findings:,} of {house.accounts:,} open accounts have no open "
            "housekeeping findings",
        ),
        M.SCHEDULES_MET: Measured(
            _pct(met, len(schedules)),
            f"{met} of {len(schedules)} corporate accounts with a publishing schedule met it "
            "over the last four weeks",
        ),
        M.POLICY_ACKNOWLEDGED: Measured(
            _pct(acknowledged, staff),
            f"{acknowledged:,} of {staff:,} staff have acknowledged the policy in force",
        ),
        M.ELEARNING_COMPLETED: Measured(
            _pct(aware, staff), f"{aware:,} of {staff:,} staff have completed the e-learning"
        ),
    }


def task_status(task: Task, *, today: datetime.date) -> TaskStatus:
    progress = 100 if task.completed_on else task.progress
    blocked = [d.title for d in task.depends_on.all() if not d.completed_on and d.progress < 100]
    rag = rag_status(progress=progress, starts_on=task.starts_on, due_on=task.due_on, today=today)
    return TaskStatus(task=task, progress=progress, rag=rag, blocked_by=blocked)


def phase_status(
    phase: Phase, *, today: datetime.date, measured: dict[str, Measured]
) -> PhaseStatus:
    tasks = [task_status(t, today=today) for t in phase.tasks.all()]
    task_average = round(sum(t.progress for t in tasks) / len(tasks)) if tasks else 0
    found = measured.get(phase.measure)
    if phase.completed_on:
        progress, evidence = 100, f"Completed on {phase.completed_on:%-d %B %Y}"
    elif found is not None and found.percent is not None:
        progress, evidence = found.percent, found.evidence
    else:
        progress = task_average
        evidence = f"{sum(t.progress == 100 for t in tasks)} of {len(tasks)} tasks done"
        if found is not None:
            evidence = f"No data yet for the measure; {evidence}"
    rag = rag_status(progress=progress, starts_on=phase.starts_on, due_on=phase.due_on, today=today)
    return PhaseStatus(phase=phase, progress=progress, evidence=evidence, rag=rag, tasks=tasks)


def plan_status(*, council: Council, today: datetime.date) -> list[PhaseStatus]:
    """Every phase with its progress, evidence, RAG and tasks."""
    measured = measures(council=council, today=today)
    phases = council.programme_phases.prefetch_related("tasks__depends_on", "tasks__owner")
    return [phase_status(p, today=today, measured=measured) for p in phases]
