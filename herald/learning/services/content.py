"""HR and the digital team edit the e-learning: module settings, lessons and quiz questions. Audited."""

from __future__ import annotations

from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.learning.models import Lesson, Module, Question

MODULE_SETTINGS = (
    "title",
    "summary",
    "pass_mark_percent",
    "questions_per_attempt",
    "valid_for_months",
    "is_published",
)


@transaction.atomic
def update_module(*, module: Module, actor: Actor, **settings: object) -> Module:
    """Change a module's title, pass mark, questions per attempt, validity or publication.
    Passes already recorded keep the expiry they were given."""
    unknown = set(settings) - set(MODULE_SETTINGS)
    if unknown:
        raise TypeError(f"Not a module setting: {', '.join(sorted(unknown))}")
    before = {name: getattr(module, name) for name in MODULE_SETTINGS}
    for name, value in settings.items():
        setattr(module, name, value)
    module.save(update_fields=[*settings, "updated_at"])
    changes = diff(before, {name: getattr(module, name) for name in MODULE_SETTINGS})
    if changes:
        record(
            council=module.council,
            actor=actor,
            action="module.settings_changed",
            summary=f"Changed the settings of {module}",
            target=module,
            changes=changes,
        )
    return module


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
