"""Forms for the programme's pages. They check shapes; the services check the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.programme.models import Phase, RecordedFigure, UnitCost
from herald.programme.report.sections import SECTIONS

if TYPE_CHECKING:
    from herald.councils.models import Council


def _text(label: str, *, rows: int = 0, hint: str = "", required: bool = True) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=widget,
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
    )


def _date(
    label: str, *, required: bool = True, hint: str = "For example, 31 3 2027"
) -> forms.DateField:
    name = label[0].lower() + label[1:]
    return forms.DateField(
        label=label,
        help_text=hint,
        required=required,
        widget=GovukDateInput,
        error_messages={
            "required": f"Enter the {name}",
            "invalid": f"Enter the {name} as a real date",
        },
    )


def _pounds(label: str, *, hint: str = "", allow_negative: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        max_digits=12,
        decimal_places=2,
        min_value=None if allow_negative else Decimal(0),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} in pounds, like 2.83",
            "max_decimal_places": "Enter pounds and pence, like 2.83",
            "min_value": f"The {label.lower()} cannot be negative",
        },
    )


def pence(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


class PhaseForm(forms.Form):
    name = _text("Name")
    deliverables = _text("Deliverables", rows=4, hint="What the phase delivers, one a line.")
    starts_on = _date("Start date")
    due_on = _date("Due date")
    measure = forms.ChoiceField(
        label="How progress is measured",
        choices=Phase.Measure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how progress is measured"},
    )
    completed_on = _date("Date completed", required=False, hint="Leave blank until it is done.")


class TaskForm(forms.Form):
    def __init__(
        self, *args: Any, council: Council, exclude_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"] = _text("Title")
        self.fields["owner"] = forms.ModelChoiceField(
            queryset=council.staff_members.current().order_by("last_name", "first_name"),
            label="Owner",
            required=False,
            empty_label="No owner yet",
        )
        self.fields["starts_on"] = _date("Start date")
        self.fields["due_on"] = _date("Due date")
        self.fields["progress"] = forms.IntegerField(
            label="Progress (per cent)",
            min_value=0,
            max_value=100,
            error_messages={
                "required": "Enter the progress, from 0 to 100",
                "invalid": "Enter the progress as a whole number from 0 to 100",
                "min_value": "Progress must be between 0 and 100",
                "max_value": "Progress must be between 0 and 100",
            },
        )
        self.fields["is_milestone"] = forms.BooleanField(
            label="This task is a milestone the committee is told about", required=False
        )
        self.fields["completed_on"] = _date(
            "Date completed", required=False, hint="Leave blank until it is done."
        )
        tasks = council.programme_tasks.order_by("due_on", "title")
        if exclude_id is not None:
            tasks = tasks.exclude(pk=exclude_id)
        if tasks.exists():  # an empty set of checkboxes is no question at all
            self.fields["depends_on"] = forms.ModelMultipleChoiceField(
                queryset=tasks,
                label="Depends on",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Tasks that must be finished first.",
            )
        self.fields["notes"] = _text("Notes", rows=3, required=False)


class UnitCostForm(forms.Form):
    channel = forms.ChoiceField(
        label="Channel",
        choices=UnitCost.Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a channel"},
    )
    pounds = _pounds("Cost per contact", hint="In pounds, like 2.83")
    source = _text("Source of the figure", hint="For example, the council's 2025 channel costing.")


class KpiTargetForm(forms.Form):
    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"] = forms.ChoiceField(
            label="KPI",
            choices=[("", "Choose a KPI"), *choices],
            error_messages={"required": "Choose the KPI", "invalid_choice": "Choose the KPI"},
        )
        self.fields["value"] = forms.FloatField(
            label="Target",
            help_text="A number: a percentage without the % sign, pounds without the £, a "
            "rating from 1 to 5, or net sentiment from -100 to 100.",
            error_messages={
                "required": "Enter the target",
                "invalid": "Enter the target as a number",
            },
        )


class BudgetForm(forms.Form):
    name = _text("Budget name")
    financial_year = forms.IntegerField(
        label="Financial year starting in",
        help_text="For 2026-27, enter 2026.",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year the financial year starts",
            "invalid": "Enter a year, like 2026",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year up to 2100",
        },
    )
    pounds = _pounds("Amount")


class SpendForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"] = forms.ModelChoiceField(
            queryset=council.programme_budgets.all(),
            label="Budget",
            empty_label="Choose a budget",
            error_messages={"required": "Choose the budget it was spent from"},
        )
        self.fields["spent_on"] = _date("Date spent")
        self.fields["pounds"] = _pounds(
            "Amount", hint="A correction is a negative amount, like -25.00", allow_negative=True
        )
        self.fields["description"] = _text("What it was for")
        self.fields["supplier"] = _text("Supplier", required=False)


class FigureForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label="What the figure counts",
            choices=RecordedFigure.Kind.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose what the figure counts"},
        )
        self.fields["month"] = _date("Month", hint="Any day in the month, for example 1 3 2026")
        self.fields["account"] = forms.ModelChoiceField(
            queryset=council.social_accounts.open().order_by("name"),
            label="Account (for followers)",
            required=False,
            empty_label="Not for one account",
        )
        self.fields["value"] = forms.IntegerField(
            label="Figure",
            min_value=0,
            error_messages={
                "required": "Enter the figure",
                "invalid": "Enter the figure as a whole number",
                "min_value": "A figure cannot be negative",
            },
        )


class FigureImportForm(forms.Form):
    text = _text(
        "Figures as CSV",
        rows=8,
        hint="Columns kind, month, account, value. For example: followers,2026-03,AldermoorCC,10250",
    )


class LinkForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["label"] = _text(
            "What the link is for", hint="For example, Report a missed bin"
        )
        self.fields["target_url"] = _text("Address of the service page", hint="Starting https://")
        self.fields["service"] = forms.ModelChoiceField(
            queryset=council.services.filter(is_active=True).order_by("name"),
            label="Service",
            required=False,
            empty_label="No particular service",
        )


class ReportForm(forms.Form):
    title = _text("Title", required=False, hint="Leave blank for the usual title.")
    period_from = _date("Start of the period")
    period_to = _date("End of the period")


class SectionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"] = _text("Title")
        for section in SECTIONS:
            self.fields[section.key] = _text(
                section.heading, rows=5, hint=section.hint, required=False
            )


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have completed the author's sections and the report is ready for the committee",
        error_messages={"required": "Confirm the report is ready before finalising it"},
    )


class TokenForm(forms.Form):
    label = _text("What the token is for", hint="For example, Power BI performance dashboard")


class PeriodForm(forms.Form):
    """The KPI page's period, from the query string."""

    start = _date("From")
    end = _date("To")
