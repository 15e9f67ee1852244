"""E-learning: modules of lessons and a quiz, attempts with their server-side paper, completions."""

from __future__ import annotations

import datetime

from django.db import models

from herald.core.models import TimeStampedModel


class Module(TimeStampedModel):
    class Kind(models.TextChoices):
        AWARENESS = "awareness", "Digital and social media awareness (all staff)"
        PUBLISHER = "publisher", "Publishing for the council"
        OTHER = "other", "Other"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="modules"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, blank=True)
    pass_mark_percent = models.PositiveSmallIntegerField(default=80)
    # A quiz asks this many of the module's questions (all of them when it has fewer).
    questions_per_attempt = models.PositiveSmallIntegerField(default=10)
    valid_for_months = models.PositiveSmallIntegerField(default=12)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind"],
                condition=~models.Q(kind="other"),
                name="one_module_of_each_kind_per_council",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(TimeStampedModel):
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="lessons")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown")

    class Meta:
        ordering = ["module", "position"]

    def __str__(self) -> str:
        return self.title


class Question(TimeStampedModel):
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="questions")
    text = models.CharField(max_length=500)
    explanation = models.CharField(max_length=500, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["module", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(TimeStampedModel):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text


class LessonProgress(models.Model):
    """A lesson a person has finished, so they can pick up where they left off."""

    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["staff_member", "lesson"], name="lesson_done_once"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member_id} finished lesson {self.lesson_id}"


class QuizAttempt(TimeStampedModel):
    """One sitting of a module's quiz. ``paper`` is the questions asked, in the order asked, and
    each question's choices in their order: kept here so a submission is marked against what
    was really asked, never against what the browser says was asked."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="attempts")
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    paper = models.JSONField()
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.module}"


class CompletionQuerySet(models.QuerySet["Completion"]):
    def current(self, *, on: datetime.date | None = None) -> CompletionQuerySet:
        day = on or datetime.date.today()
        return self.filter(completed_on__lte=day, expires_on__gt=day)


class Completion(TimeStampedModel):
    """A pass of a module, good until ``expires_on`` (the refresher is due then)."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="completions"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="completions")
    staff_member = models.ForeignKey(
        "people.StaffMember", on_delete=models.PROTECT, related_name="completions"
    )
    attempt = models.OneToOneField(
        QuizAttempt, on_delete=models.PROTECT, null=True, blank=True, related_name="completion"
    )
    completed_on = models.DateField()
    expires_on = models.DateField()

    objects = CompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        indexes = [
            models.Index(
                fields=["module", "staff_member", "expires_on"], name="completion_current_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} passed {self.module} on {self.completed_on}"
