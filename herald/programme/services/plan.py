"""The implementation plan: phases and their tasks, each change audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.programme.models import Phase, Task

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember


class BadPlan(DomainError):
    code = "bad_plan"
    field = ""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _check_dates(starts_on: datetime.date, due_on: datetime.date) -> None:
    if due_on < starts_on:
        raise BadPlan("The due date must be on or after the start date.", field="due_on")


def _snapshot(obj: Phase | Task, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: str(getattr(obj, name)) for name in fields}


PHASE_FIELDS = ("name", "deliverables", "starts_on", "due_on", "measure", "completed_on")
TASK_FIELDS = (
    "title",
    "owner_id",
    "starts_on",
    "due_on",
    "progress",
    "is_milestone",
    "completed_on",
    "notes",
)


@transaction.atomic
def save_phase(
    *, council: Council, actor: Actor, phase: Phase | None = None, **values: Any
) -> Phase:
    """Create a phase (numbered after the last) or change one."""
    _check_dates(values["starts_on"], values["due_on"])
    if phase is None:
        last = council.programme_phases.order_by("-number").first()
        phase = Phase(council=council, number=(last.number + 1) if last else 1)
        before: dict[str, Any] = {}
    else:
        before = _snapshot(phase, PHASE_FIELDS)
    for name in PHASE_FIELDS:
        setattr(phase, name, values.get(name))
    phase.save()
    record(
        council=council,
        actor=actor,
        action="programme.phase_saved",
        target=phase,
        summary=f"{'Changed' if before else 'Added'} phase {phase}",
        changes=diff(before, _snapshot(phase, PHASE_FIELDS)),
    )
    return phase


def _check_dependencies(task: Task, depends_on: list[Task]) -> None:
    """Same council, not itself, and no loop (a task cannot wait, however indirectly, on itself)."""
    seen: set[int] = set()
    frontier = list(depends_on)
    while frontier:
        current = frontier.pop()
        if current.council_id != task.council_id:
            raise BadPlan("A task can only depend on tasks of the same plan.", field="depends_on")
        if task.pk is not None and current.pk == task.pk:
            raise BadPlan(
                "A task cannot depend on itself, even through other tasks.", field="depends_on"
            )
        if current.pk in seen:
            continue
        seen.add(current.pk)
        frontier.extend(current.depends_on.all())


@transaction.atomic
def save_task(
    *,
    council: Council,
    phase: Phase,
    actor: Actor,
    title: str,
    owner: StaffMember | None,
    starts_on: datetime.date,
    due_on: datetime.date,
    progress: int,
    is_milestone: bool = False,
    completed_on: datetime.date | None = None,
    notes: str = "",
    depends_on: list[Task] | None = None,
    task: Task | None = None,
) -> Task:
    """Create or change a task: dates in order, progress 0-100, done means 100."""
    _check_dates(starts_on, due_on)
    if not 0 <= progress <= 100:
        raise BadPlan("Progress must be between 0 and 100.", field="progress")
    if owner is not None and owner.council_id != council.pk:
        raise BadPlan("Choose an owner from this council.", field="owner")
    before = _snapshot(task, TASK_FIELDS) if task else {}
    task = task or Task(council=council)
    task.phase, task.title, task.owner, task.notes = phase, title.strip(), owner, notes
    task.starts_on, task.due_on, task.is_milestone = starts_on, due_on, is_milestone
    task.progress = 100 if completed_on else progress
    task.completed_on = completed_on
    _check_dependencies(task, depends_on or [])
    task.save()
    task.depends_on.set(depends_on or [])
    record(
        council=council,
        actor=actor,
        action="programme.task_saved",
        target=task,
        summary=f"{'Changed' if before else 'Added'} task {task.title}",
        changes=diff(before, _snapshot(task, TASK_FIELDS)),
    )
    return task
