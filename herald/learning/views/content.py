"""HR and the digital team edit a module's lessons and quiz questions."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.councils.access import council_required, current_context
from herald.learning import selectors
from herald.learning.forms import LessonForm, ModuleSettingsForm, QuestionForm
from herald.learning.models import Lesson, Module, Question
from herald.learning.services import content as services
from herald.learning.views.common import CONTENT_EDITORS, actor_for, posted


@council_required(*CONTENT_EDITORS)
def module_content(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    module = selectors.module(council=context.council, public_id=public_id)
    return render(
        request,
        "learning/module_content.jinja",
        {
            "module": module,
            "lessons": module.lessons.all(),
            "questions": module.questions.filter(is_active=True).prefetch_related("choices"),
        },
    )


@council_required(*CONTENT_EDITORS)
def module_settings(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    module = selectors.module(council=context.council, public_id=public_id)
    # The form edits a fresh copy: a failed validation must not leave ``module`` half-changed.
    form = ModuleSettingsForm(
        posted(request), instance=selectors.module(council=context.council, public_id=public_id)
    )
    if request.method == "POST" and form.is_valid():
        services.update_module(
            module=module,
            actor=actor_for(request, context),
            **{name: form.cleaned_data[name] for name in services.MODULE_SETTINGS},
        )
        messages.success(request, f"Saved the settings of {module.title}")
        return redirect("learning:module_content", public_id=module.public_id)
    return render(request, "learning/module_settings.jinja", {"form": form, "module": module})


def _lesson_page(request: HttpRequest, module: Module, lesson: Lesson | None) -> HttpResponse:
    context = current_context(request)
    form = LessonForm(posted(request), instance=lesson)
    if request.method == "POST" and form.is_valid():
        services.save_lesson(
            module=module,
            lesson=lesson,
            actor=actor_for(request, context),
            **{name: form.cleaned_data[name] for name in ("title", "position", "body")},
        )
        messages.success(request, f"Saved the lesson {form.cleaned_data['title']}")
        return redirect("learning:module_content", public_id=module.public_id)
    return render(
        request, "learning/lesson_form.jinja", {"form": form, "module": module, "lesson": lesson}
    )


@council_required(*CONTENT_EDITORS)
def lesson_create(request: HttpRequest, public_id: UUID) -> HttpResponse:
    module = selectors.module(council=current_context(request).council, public_id=public_id)
    return _lesson_page(request, module, None)


@council_required(*CONTENT_EDITORS)
def lesson_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    lesson = selectors.lesson(council=current_context(request).council, public_id=public_id)
    # A fresh instance for the form: a failed validation must not leave the page half-edited.
    return _lesson_page(request, lesson.module, lesson)


def _question_page(request: HttpRequest, module: Module, question: Question | None) -> HttpResponse:
    context = current_context(request)
    initial = QuestionForm.initial_for(question) if question else None
    form = QuestionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_question(
            module=module, question=question, actor=actor_for(request, context), **form.cleaned_data
        )
        messages.success(request, "Saved the question")
        return redirect("learning:module_content", public_id=module.public_id)
    return render(
        request,
        "learning/question_form.jinja",
        {"form": form, "module": module, "question": question},
    )


@council_required(*CONTENT_EDITORS)
def question_create(request: HttpRequest, public_id: UUID) -> HttpResponse:
    module = selectors.module(council=current_context(request).council, public_id=public_id)
    return _question_page(request, module, None)


@council_required(*CONTENT_EDITORS)
def question_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    question = selectors.question(council=current_context(request).council, public_id=public_id)
    return _question_page(request, question.module, question)
