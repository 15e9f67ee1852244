"""HR and the digital team edit the e-learning: lessons and quiz questions. Audited."""

from __future__ import annotations

from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.learning.models import Lesson, Module, Question


@transaction.atomic
def save_lesson(
    *, module: Module, lesson: Lesson | None, title: str, position: int, body: str, actor: Actor
) -> Lesson:
    """Add a lesson to a module, or change one of its lessons."""
    lesson = lesson or Lesson(module=module)
    before = {"title": lesson.title, "position": lesson.position, "body": lesson.body}
    lesson.title, lesson.position, lesson.body = title, position, body
    lesson.save()
    record(
        council=module.council,
        actor=actor,
        action="module.lesson_saved",
        summary=f"Saved the lesson {title} in {module}",
        target=lesson,
        changes=diff(before, {"title": title, "position": position, "body": body}),
    )
    return lesson


@transaction.atomic
def save_question(
    *,
    module: Module,
    question: Question | None,
    text: str,
    correct: str,
    wrong: list[str],
    explanation: str,
    actor: Actor,
) -> Question:
    """Add a question or rewrite one. A rewritten question's old choices are retired with it
    and a new question takes its place, so attempts already set still mark as they were asked."""
    if question is not None:
        Question.objects.filter(pk=question.pk).update(is_active=False)
    new = module.questions.create(text=text, explanation=explanation)
    new.choices.create(text=correct, is_correct=True)
    for answer in wrong:
        new.choices.create(text=answer, is_correct=False)
    record(
        council=module.council,
        actor=actor,
        action="module.question_saved",
        summary=f"Saved a question in {module}: {text}",
        target=new,
        changes={"replaces": [str(question.public_id) if question else None, str(new.public_id)]},
    )
    return new


@transaction.atomic
def retire_question(*, question: Question, actor: Actor) -> Question:
    """Stop asking a question (it stays on the papers it was already set on)."""
    Question.objects.filter(pk=question.pk).update(is_active=False)
    question.is_active = False
    record(
        council=question.module.council,
        actor=actor,
        action="module.question_retired",
        summary=f"Stopped asking: {question.text}",
        target=question,
    )
    return question
