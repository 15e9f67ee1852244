"""The implementation plan: overview with RAG, and phase and task editing."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme import selectors
from herald.programme.forms import PhaseForm, TaskForm
from herald.programme.models import Phase, Task
from herald.programme.progress import plan_status
from herald.programme.selectors import EDITORS, READERS
from herald.programme.services import plan
from herald.programme.views.common import actor_for, can_edit, show_error


@council_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request,
        "programme/overview.jinja",
        {
            "phases": plan_status(council=council, today=timezone.localdate()),
            "can_edit": can_edit(request),
        },
    )


def _phase_form(request: HttpRequest, phase: Phase | None) -> HttpResponse:
    council = current_context(request).council
    initial = (
        {n: getattr(phase, n) for n in plan.PHASE_FIELDS}
        if phase
        else {"measure": Phase.Measure.TASKS}
    )
    form = PhaseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = plan.save_phase(
                council=council, actor=actor_for(request), phase=phase, **form.cleaned_data
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Saved phase {saved}")
            return redirect("programme:overview")
    title = f"Change phase {phase}" if phase else "Add a phase"
    return render(
        request,
        "programme/form.jinja",
        {
            "form": form,
            "title": title,
            "button": "Save the phase",
            "back": ("/programme/", "the plan"),
        },
    )


@council_required(*EDITORS)
def new_phase(request: HttpRequest) -> HttpResponse:
    return _phase_form(request, None)


@council_required(*EDITORS)
def edit_phase(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    return _phase_form(request, selectors.phase(council=council, public_id=public_id))


def _task_form(request: HttpRequest, phase: Phase, task: Task | None) -> HttpResponse:
    council = current_context(request).council
    initial = {}
    if task:
        initial = {
            n: getattr(task, n)
            for n in (
                "title",
                "owner",
                "starts_on",
                "due_on",
                "progress",
                "is_milestone",
                "completed_on",
                "notes",
            )
        }
        initial["depends_on"] = list(task.depends_on.all())
    else:
        initial = {"starts_on": phase.starts_on, "due_on": phase.due_on, "progress": 0}
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        council=council,
        exclude_id=task.pk if task else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan.save_task(
                council=council,
                phase=phase,
                actor=actor_for(request),
                task=task,
                title=data["title"],
                owner=data["owner"],
                starts_on=data["starts_on"],
                due_on=data["due_on"],
                progress=data["progress"],
                is_milestone=data["is_milestone"],
                completed_on=data["completed_on"],
                notes=data["notes"],
                depends_on=list(data.get("depends_on", [])),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Saved task {data['title']}")
            return redirect("programme:overview")
    title = f"Change task: {task.title}" if task else f"Add a task to phase {phase.number}"
    return render(
        request,
        "programme/form.jinja",
        {
            "form": form,
            "title": title,
            "button": "Save the task",
            "back": ("/programme/", "the plan"),
        },
    )


@council_required(*EDITORS)
def new_task(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    return _task_form(request, selectors.phase(council=council, public_id=public_id), None)


@council_required(*EDITORS)
def edit_task(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    task = selectors.task(council=council, public_id=public_id)
    return _task_form(request, task.phase, task)
