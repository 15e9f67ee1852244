"""Taking a module: my learning, lessons, the quiz, results and certificates."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.learning import presenters, selectors
from herald.learning.forms import QuizForm
from herald.learning.services import elearning as services
from herald.learning.services.errors import IncompleteAnswers
from herald.learning.views.common import (
    COMPLIANCE_VIEWERS,
    CONTENT_EDITORS,
    actor_for,
    own_record,
    posted,
)


@council_required()
def my_learning(request: HttpRequest) -> HttpResponse:
    """The policies waiting for this person's acknowledgement and their modules' status."""
    context = current_context(request)
    if context.membership.staff_member is None:
        # A councillor on the committee has no staff record: nothing is assigned to them.
        return render(request, "learning/my_learning.jinja", {"no_staff_record": True})
    staff = own_record(context)
    rows = presenters.module_rows(
        modules=list(selectors.modules(council=context.council)),
        completions=selectors.latest_completions(staff_member=staff),
        today=timezone.localdate(),
    )
    return render(
        request,
        "learning/my_learning.jinja",
        {
            "to_acknowledge": selectors.versions_to_acknowledge(
                council=context.council, staff_member=staff
            ),
            "module_rows": rows,
        },
    )


@council_required()
def module_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    staff = own_record(context)
    module = selectors.module(council=context.council, public_id=public_id)
    if not module.is_published:
        raise Http404
    done = selectors.lessons_done(module=module, staff_member=staff)
    lessons = list(module.lessons.all())
    return render(
        request,
        "learning/module_detail.jinja",
        {
            "module": module,
            "lessons": [(lesson, lesson.pk in done) for lesson in lessons],
            "done_count": len(done & {lesson.pk for lesson in lessons}),
            "completion": selectors.current_completion(module=module, staff_member=staff),
            "can_edit": context.has_any(*CONTENT_EDITORS),
        },
    )


@council_required()
def lesson_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A lesson to read; continuing saves the person's progress and moves them on."""
    context = current_context(request)
    staff = own_record(context)
    lesson = selectors.lesson(council=context.council, public_id=public_id)
    if not lesson.module.is_published:
        raise Http404
    following = lesson.module.lessons.filter(position__gt=lesson.position).first()
    if request.method == "POST":
        services.mark_lesson_done(lesson=lesson, staff_member=staff)
        if following is not None:
            return redirect("learning:lesson", public_id=following.public_id)
        return redirect("learning:module", public_id=lesson.module.public_id)
    return render(
        request,
        "learning/lesson_detail.jinja",
        {
            "lesson": lesson,
            "module": lesson.module,
            "body": presenters.render_markdown(lesson.body),
            "following": following,
        },
    )


@council_required()
def quiz(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The quiz: the person's open attempt (questions in the order set for it), marked on submit."""
    context = current_context(request)
    staff = own_record(context)
    module = selectors.module(council=context.council, public_id=public_id)
    if not module.is_published:
        raise Http404
    try:
        attempt = services.start_attempt(module=module, staff_member=staff)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("learning:module", public_id=module.public_id)
    texts = selectors.paper_texts(attempt=attempt)
    form = QuizForm(posted(request), paper=attempt.paper, texts=texts)
    if request.method == "POST":
        answers = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        try:
            services.submit_attempt(
                attempt=attempt, answers=answers, actor=actor_for(request, context)
            )
        except IncompleteAnswers:
            form.is_valid()  # names each unanswered question in the error summary
        except DomainError as error:
            return render(
                request,
                "learning/quiz_refused.jinja",
                {"module": module, "message": error.message},
                status=400,
            )
        else:
            return redirect("learning:attempt", public_id=attempt.public_id)
    return render(
        request, "learning/quiz.jinja", {"module": module, "form": form, "attempt": attempt}
    )


@council_required()
def attempt_result(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    staff = own_record(context)
    attempt = selectors.own_attempt(
        council=context.council, staff_member=staff, public_id=public_id
    )
    if attempt.submitted_at is None:
        return redirect("learning:quiz", public_id=attempt.module.public_id)
    completion = getattr(attempt, "completion", None) if attempt.passed else None
    return render(
        request,
        "learning/attempt_result.jinja",
        {"attempt": attempt, "module": attempt.module, "completion": completion},
    )


@council_required()
def certificate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A completion's certificate: the person's own, or anyone's for HR and the digital team."""
    context = current_context(request)
    completion = selectors.completion(council=context.council, public_id=public_id)
    own = context.membership.staff_member_id == completion.staff_member_id
    if not own and not context.has_any(*COMPLIANCE_VIEWERS):
        raise Http404
    return render(
        request,
        "learning/certificate.jinja",
        {"completion": completion, "council": context.council},
    )
