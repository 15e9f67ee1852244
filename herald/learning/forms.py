"""Forms for learning's pages, rendered as GOV.UK components by the project's form renderer."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.learning.models import Lesson, Module, PolicyDocument, Question


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=PolicyDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of document it is"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    acknowledgement_scope = forms.ChoiceField(
        label="Who must read and acknowledge it?",
        choices=PolicyDocument.Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who must acknowledge it"},
    )
    next_review_on = forms.DateField(
        label="Next review date",
        help_text="For example, 1 4 2027",
        required=False,
        widget=GovukDateInput,
        error_messages={"invalid": "Next review date must be a real date"},
    )


class DraftForm(forms.Form):
    body = forms.CharField(
        label="Text",
        help_text="Use Markdown: # for headings, - for lists, a blank line between paragraphs",
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=100_000,
        error_messages={"required": "Enter the text of the document"},
    )
    change_summary = forms.CharField(
        label="What has changed in this version",
        max_length=500,
        error_messages={"required": "Say what has changed in this version"},
    )


class ApproveForm(forms.Form):
    committee = forms.CharField(
        label="Which committee approved it?",
        max_length=200,
        error_messages={"required": "Enter the committee that approved it"},
    )
    approved_on = forms.DateField(
        label="Date of the committee's decision",
        help_text="For example, 12 11 2026",
        widget=GovukDateInput,
        error_messages={
            "required": "Enter the date of the committee's decision",
            "invalid": "The date of the committee's decision must be a real date",
        },
    )

    def clean_approved_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["approved_on"]
        if day > datetime.date.today():
            raise forms.ValidationError(
                "The date of the committee's decision must be today or in the past"
            )
        return day


class AcknowledgeForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have read and understood this version",
        error_messages={"required": "Confirm that you have read and understood it"},
    )


class QuizForm(forms.Form):
    """One radio group per question on the attempt's paper, in the paper's order."""

    def __init__(
        self, *args: Any, paper: list[dict[str, Any]], texts: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for number, item in enumerate(paper, start=1):
            self.fields[item["question"]] = forms.ChoiceField(
                label=f"{number}. {texts[item['question']]}",
                choices=[(choice, texts[choice]) for choice in item["choices"]],
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer question {number}"},
            )


class LessonForm(forms.ModelForm[Lesson]):
    class Meta:
        model = Lesson
        fields = ["title", "position", "body"]
        labels = {"position": "Order in the module"}
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        error_messages = {
            "title": {"required": "Enter a title"},
            "position": {
                "required": "Enter the lesson's order",
                "invalid": "Order must be a number",
            },
            "body": {"required": "Enter the lesson's text"},
        }


def _bounded_number(
    *, label: str, low: int, high: int, required: str, invalid: str, out_of_range: str
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput,
        error_messages={
            "required": required,
            "invalid": invalid,
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


class ModuleSettingsForm(forms.ModelForm[Module]):
    # Bounds a council can sensibly choose; the refresher every 12 months is the default.
    pass_mark_percent = _bounded_number(
        label="Pass mark (per cent)",
        low=1,
        high=100,
        required="Enter the pass mark",
        invalid="The pass mark must be a number",
        out_of_range="The pass mark must be between 1%% and 100%%",  # %-formatted by Django
    )
    questions_per_attempt = _bounded_number(
        label="Questions asked in each attempt",
        low=1,
        high=50,
        required="Enter how many questions each attempt asks",
        invalid="The number of questions must be a number",
        out_of_range="Each attempt must ask between 1 and 50 questions",
    )
    valid_for_months = _bounded_number(
        label="Months a pass stays valid",
        low=1,
        high=36,
        required="Enter how many months a pass stays valid",
        invalid="Months must be a number",
        out_of_range="A pass must stay valid for between 1 and 36 months",
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "summary",
            "pass_mark_percent",
            "questions_per_attempt",
            "valid_for_months",
            "is_published",
        ]
        labels = {"is_published": "Published: staff can take this module"}
        error_messages = {"title": {"required": "Enter a title"}}


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", max_length=500, error_messages={"required": "Enter the question"}
    )
    correct = forms.CharField(
        label="The right answer",
        max_length=300,
        error_messages={"required": "Enter the right answer"},
    )
    wrong = forms.CharField(
        label="Wrong answers",
        help_text="One on each line, at least one",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter at least one wrong answer"},
    )
    explanation = forms.CharField(
        label="Explanation shown after the quiz", max_length=500, required=False
    )

    def clean_wrong(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["wrong"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError("Enter at least one wrong answer")
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError("Each wrong answer must be 300 characters or fewer")
        return lines

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, str]:
        choices = list(question.choices.all())
        return {
            "text": question.text,
            "correct": next((c.text for c in choices if c.is_correct), ""),
            "wrong": "\n".join(c.text for c in choices if not c.is_correct),
            "explanation": question.explanation,
        }


class NominationForm(forms.Form):
    reason = forms.CharField(
        label="Why would you make a good social media ambassador?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Say why you would make a good ambassador"},
    )


class SessionForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    service = forms.ChoiceField(label="For which service", required=False)
    day = forms.DateField(
        label="Date",
        help_text="For example, 27 1 2027",
        widget=GovukDateInput,
        error_messages={"required": "Enter the date", "invalid": "The date must be a real date"},
    )
    time = forms.TimeField(
        label="Start time",
        help_text="For example, 14:30",
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time like 14:30",
        },
    )
    location = forms.CharField(
        label="Where", max_length=200, error_messages={"required": "Enter where it is"}
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=500,
        error_messages={
            "required": "Enter how many places there are",
            "invalid": "Places must be a number",
            "min_value": "There must be at least 1 place",
            "max_value": "There can be at most 500 places",
        },
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "All services"), *services]  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label="How useful was the session?",
        choices=[
            ("5", "Very useful"),
            ("4", "Useful"),
            ("3", "Fair"),
            ("2", "Not very useful"),
            ("1", "Not useful"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how useful the session was"},
    )
    comment = forms.CharField(
        label="Anything else? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConductRecordForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is it about conduct or performance?",
        choices=[("conduct", "Conduct"), ("performance", "Performance")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is about conduct or performance"},
    )
    occurred_on = forms.DateField(
        label="When did it happen?",
        help_text="For example, 27 11 2026",
        widget=GovukDateInput,
        error_messages={
            "required": "Enter the date it happened",
            "invalid": "The date it happened must be a real date",
        },
    )
    summary = forms.CharField(
        label="What happened?",
        help_text="Keep to the facts about the person's social media use.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Enter what happened"},
    )


class AdviceNoteForm(forms.Form):
    body = forms.CharField(
        label="HR advice",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the advice"},
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="Outcome",
        help_text="What was decided. Recording it closes the record.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the outcome"},
    )


class RetentionForm(forms.Form):
    months = forms.IntegerField(
        label="Months to keep a closed record before its content is erased",
        min_value=1,
        max_value=120,
        error_messages={
            "required": "Enter a number of months",
            "invalid": "Months must be a whole number",
            "min_value": "Keep records for at least 1 month",
            "max_value": "Keep records for at most 120 months",
        },
    )
