"""Taking a module: lessons done, a quiz paper set per attempt, marking, completions that expire."""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.learning.models import Choice, Completion, Lesson, LessonProgress, Module, QuizAttempt
from herald.learning.services.errors import (
    AttemptAlreadySubmitted,
    IncompleteAnswers,
    ModuleHasNoQuestions,
    NotInThisCouncil,
    TamperedSubmission,
)
from herald.learning.services.rights import restore_rights

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the 29th of February becomes the 28th)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


@transaction.atomic
def create_module(
    *,
    council: Council,
    kind: str,
    title: str,
    summary: str = "",
    pass_mark_percent: int = 80,
    questions_per_attempt: int = 10,
    actor: Actor,
) -> Module:
    module = council.modules.create(
        kind=kind,
        title=title,
        summary=summary,
        pass_mark_percent=pass_mark_percent,
        questions_per_attempt=questions_per_attempt,
    )
    record(
        council=council,
        actor=actor,
        action="module.created",
        summary=f"Added {title}",
        target=module,
    )
    return module


@transaction.atomic
def mark_lesson_done(*, lesson: Lesson, staff_member: StaffMember) -> None:
    """Progress is saved lesson by lesson, so a person can come back later."""
    if staff_member.council_id != lesson.module.council_id:
        raise NotInThisCouncil("That person does not work for this council.")
    LessonProgress.objects.get_or_create(staff_member=staff_member, lesson=lesson)


@transaction.atomic
def start_attempt(
    *, module: Module, staff_member: StaffMember, rng: random.Random | None = None
) -> QuizAttempt:
    """The person's open attempt, or a new one with questions and choices in a random order."""
    if staff_member.council_id != module.council_id:
        raise NotInThisCouncil("That person does not work for this council.")
    open_attempt = module.attempts.filter(
        staff_member=staff_member, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        return open_attempt
    rng = rng or random.SystemRandom()
    questions = list(module.questions.filter(is_active=True).prefetch_related("choices"))
    if not questions:
        raise ModuleHasNoQuestions(f"{module.title} has no quiz questions yet.")
    asked = rng.sample(questions, k=min(len(questions), module.questions_per_attempt))
    paper = []
    for question in asked:
        choices = [str(choice.public_id) for choice in question.choices.all()]
        rng.shuffle(choices)
        paper.append({"question": str(question.public_id), "choices": choices})
    return module.attempts.create(
        council_id=module.council_id, staff_member=staff_member, paper=paper
    )


def _check_answers(attempt: QuizAttempt, answers: Mapping[str, str]) -> None:
    """Answers must be to exactly the questions on this attempt's paper, from their choices."""
    paper = {item["question"]: set(item["choices"]) for item in attempt.paper}
    strangers = set(answers) - set(paper)
    if strangers:
        raise TamperedSubmission("The answers sent were not for the questions you were asked.")
    for question, choice in answers.items():
        if choice not in paper[question]:
            raise TamperedSubmission("The answers sent were not for the questions you were asked.")
    if set(answers) != set(paper):
        raise IncompleteAnswers("Answer every question before you submit the quiz.")


def _score(attempt: QuizAttempt, answers: Mapping[str, str]) -> int:
    right = Choice.objects.filter(
        question__module=attempt.module, is_correct=True, public_id__in=list(answers.values())
    ).values_list("question__public_id", "public_id")
    correct = sum(1 for question, choice in right if answers.get(str(question)) == str(choice))
    return round(100 * correct / len(attempt.paper))


@transaction.atomic
def submit_attempt(
    *,
    attempt: QuizAttempt,
    answers: Mapping[str, str],
    actor: Actor,
    on: datetime.date | None = None,
) -> QuizAttempt:
    """Mark an attempt against its own paper; a pass is a completion good for the module's term.
    Anything the browser claims beyond the chosen answers (a score, a pass) is ignored."""
    _check_answers(attempt, answers)
    score = _score(attempt, answers)
    passed = score >= attempt.module.pass_mark_percent
    now = timezone.now()
    claimed = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        answers=dict(answers), submitted_at=now, score_percent=score, passed=passed, updated_at=now
    )
    if not claimed:
        raise AttemptAlreadySubmitted("This attempt was already submitted. Start the quiz again.")
    attempt.answers, attempt.submitted_at = dict(answers), now
    attempt.score_percent, attempt.passed = score, passed
    outcome = "passed" if passed else "did not pass"
    record(
        council=attempt.module.council,
        actor=actor,
        action="module.attempt_submitted",
        summary=f"{attempt.staff_member.full_name} {outcome} {attempt.module} ({score}%)",
        target=attempt,
    )
    if passed:
        record_completion(
            module=attempt.module,
            staff_member=attempt.staff_member,
            on=on or timezone.localdate(),
            attempt=attempt,
            actor=actor,
        )
        restore_rights(staff_member=attempt.staff_member, actor=actor, on=on)
    return attempt


@transaction.atomic
def record_completion(
    *,
    module: Module,
    staff_member: StaffMember,
    on: datetime.date,
    actor: Actor,
    attempt: QuizAttempt | None = None,
) -> Completion:
    """A pass of ``module`` on ``on``, valid for the module's term (12 months by default)."""
    if staff_member.council_id != module.council_id:
        raise NotInThisCouncil("That person does not work for this council.")
    completion = Completion.objects.create(
        council_id=module.council_id,
        module=module,
        staff_member=staff_member,
        attempt=attempt,
        completed_on=on,
        expires_on=add_months(on, module.valid_for_months),
    )
    record(
        council=module.council,
        actor=actor,
        action="module.completed",
        summary=f"{staff_member.full_name} completed {module} (valid until {completion.expires_on})",
        target=completion,
    )
    return completion
