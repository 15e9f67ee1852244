"""The inbox's forms. Choices come from the council (its services, teams, people), so another
council's objects cannot even be named."""

from __future__ import annotations

from typing import Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.councils.models import Council
from herald.inbox.models import Conversation, Escalation, InboxSettings

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OPTIONAL = [("", "Any")]


def _services(council: Council) -> list[tuple[str, str]]:
    return [
        (str(s.public_id), s.name) for s in council.services.filter(is_active=True).order_by("name")
    ]


def _teams(council: Council) -> list[tuple[str, str]]:
    return [
        (str(t.public_id), str(t)) for t in council.teams.select_related("service").order_by("name")
    ]


def _people(council: Council) -> list[tuple[str, str]]:
    members = council.memberships.filter(is_active=True).select_related("user")
    return sorted(
        ((str(m.user.public_id), m.user.display_name) for m in members), key=lambda c: c[1]
    )


class CouncilForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council


class FilterForm(CouncilForm):
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("open", "Open"),
            ("closed", "Closed"),
            ("all", "All"),
            *Conversation.Status.choices,
        ],
    )
    service = forms.ChoiceField(required=False)
    team = forms.ChoiceField(required=False)
    priority = forms.ChoiceField(
        required=False, choices=[*_OPTIONAL, *Conversation.Priority.choices]
    )
    tag = forms.CharField(required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [*_OPTIONAL, *_services(self.council)]  # type: ignore[attr-defined]
        self.fields["team"].choices = [*_OPTIONAL, *_teams(self.council)]  # type: ignore[attr-defined]


class AssignForm(CouncilForm):
    service = forms.ChoiceField(required=False, label="Service")
    team = forms.ChoiceField(required=False, label="Team")
    assignee = forms.ChoiceField(required=False, label="Person")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = [("", "None")]
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", "Keep the current service"),
            *_services(self.council),
        ]
        self.fields["team"].choices = [*none, *_teams(self.council)]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [*none, *_people(self.council)]  # type: ignore[attr-defined]


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(
        choices=Conversation.Priority.choices,
        error_messages={"required": "Choose a priority"},
    )


class TagsForm(forms.Form):
    tags = forms.CharField(
        required=False,
        max_length=400,
        help_text="Separate tags with commas, for example: potholes, follow up",
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note (never sent to the resident)",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the note"},
    )


class CloseForm(CouncilForm):
    status = forms.ChoiceField(
        label="Close as",
        widget=forms.RadioSelect,
        choices=[
            (Conversation.Status.RESOLVED, "Resolved"),
            (Conversation.Status.NO_ACTION, "No action needed"),
        ],
        error_messages={"required": "Choose resolved or no action needed"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=Conversation.Outcome.choices,
        error_messages={"required": "Choose the outcome"},
    )
    service = forms.ChoiceField(required=False, label="Service that dealt with it")
    satisfaction = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=5,
        label="Resident's satisfaction (1 to 5), if asked",
        error_messages={
            "invalid": "Enter satisfaction as a whole number from 1 to 5",
            "min_value": "Satisfaction is from 1 to 5",
            "max_value": "Satisfaction is from 1 to 5",
        },
    )
    note = forms.CharField(
        required=False, label="Note (optional)", widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", "Keep the current service"),
            *_services(self.council),
        ]


class ReopenForm(forms.Form):
    note = forms.CharField(
        label="Why reopen it", error_messages={"required": "Say why it is being reopened"}
    )


class EscalateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Escalate as",
        widget=forms.RadioSelect,
        choices=Escalation.Kind.choices,
        error_messages={"required": "Choose what kind of escalation this is"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this needs escalating"},
    )


class ConsultationForm(CouncilForm):
    campaign = forms.ChoiceField(required=False, label="Consultation")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        found = self.council.campaigns.filter(is_consultation=True, archived_at__isnull=True)
        self.fields["campaign"].choices = [  # type: ignore[attr-defined]
            ("", "Not part of a consultation"),
            *((str(c.public_id), c.name) for c in found.order_by("name")),
        ]


class BulkForm(CouncilForm):
    action = forms.ChoiceField(
        label="With the selected conversations",
        choices=[
            ("assign", "Assign to a team"),
            ("priority", "Set the priority"),
            ("tag", "Add a tag"),
            ("no_action", "Close as no action needed"),
        ],
    )
    team = forms.ChoiceField(required=False, label="Team")
    priority = forms.ChoiceField(
        required=False, choices=[("", "Choose"), *Conversation.Priority.choices]
    )
    tag = forms.CharField(required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Choose"), *_teams(self.council)]  # type: ignore[attr-defined]


def _clock_field(label: str) -> forms.CharField:
    return forms.RegexField(
        regex=r"^([01]\d|2[0-3]):[0-5]\d$",
        required=False,
        label=label,
        max_length=5,
        error_messages={"invalid": f"Enter the {label.lower()} as a 24-hour time, like 09:00"},
    )


class SettingsForm(CouncilForm):
    bank_holidays = forms.ChoiceField(
        label="Bank holidays of",
        choices=InboxSettings.BankHolidays.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the nation whose bank holidays apply"},
    )
    retention_months = forms.IntegerField(
        label="Keep conversations for (months)",
        min_value=6,
        max_value=120,
        help_text="Between 6 and 120 months after the last message. Conversations under an open "
        "escalation are kept until it closes.",
        error_messages={
            "required": "Enter how many months to keep conversations",
            "invalid": "Enter a whole number of months",
            "min_value": "Keep conversations for at least 6 months",
            "max_value": "Keep conversations for 120 months or fewer",
        },
    )
    safeguarding_lead = forms.ChoiceField(required=False, label="Designated safeguarding lead")
    foi_team = forms.ChoiceField(required=False, label="FOI team")
    complaints_team = forms.ChoiceField(required=False, label="Complaints team")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, day in enumerate(DAYS):
            self.fields[f"opens_{index}"] = _clock_field(f"{day} opening time")
            self.fields[f"closes_{index}"] = _clock_field(f"{day} closing time")
        self.fields["safeguarding_lead"].choices = [("", "Nobody yet"), *_people(self.council)]  # type: ignore[attr-defined]
        teams = [("", "None yet"), *_teams(self.council)]
        self.fields["foi_team"].choices = teams  # type: ignore[attr-defined]
        self.fields["complaints_team"].choices = teams  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index, day in enumerate(DAYS):
            opens, closes = data.get(f"opens_{index}"), data.get(f"closes_{index}")
            if bool(opens) != bool(closes):
                self.add_error(
                    f"opens_{index}", f"Enter both {day}'s opening and closing times, or neither"
                )
            elif opens and closes and closes <= opens:
                self.add_error(
                    f"closes_{index}", f"{day}'s closing time must be after its opening time"
                )
        return data

    def office_hours(self) -> dict[str, list[str] | None]:
        data = self.cleaned_data
        return {
            str(i): [data[f"opens_{i}"], data[f"closes_{i}"]] if data.get(f"opens_{i}") else None
            for i in range(7)
        }


class TargetForm(CouncilForm):
    service = forms.ChoiceField(required=False, label="Service")
    first_response_hours = forms.IntegerField(
        label="First response within (working hours)",
        min_value=1,
        max_value=500,
        error_messages={
            "required": "Enter the first-response target in hours",
            "invalid": "Enter a whole number of hours",
            "min_value": "The first-response target is at least 1 hour",
            "max_value": "Enter 500 hours or fewer",
        },
    )
    resolution_hours = forms.IntegerField(
        label="Resolved within (working hours)",
        min_value=1,
        max_value=2000,
        error_messages={
            "required": "Enter the resolution target in hours",
            "invalid": "Enter a whole number of hours",
            "min_value": "The resolution target is at least 1 hour",
            "max_value": "Enter 2000 hours or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "The council's default"), *_services(self.council)]  # type: ignore[attr-defined]


class RouteForm(CouncilForm):
    service_label = forms.SlugField(
        label="Router label",
        max_length=64,
        error_messages={
            "required": "Enter the router's label",
            "invalid": "Enter the label in lower case letters, numbers and hyphens",
        },
    )
    service = forms.ChoiceField(
        label="Goes to service", error_messages={"required": "Choose the service"}
    )
    team = forms.ChoiceField(required=False, label="and team")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "Choose"), *_services(self.council)]  # type: ignore[attr-defined]
        self.fields["team"].choices = [("", "None"), *_teams(self.council)]  # type: ignore[attr-defined]


class RecordsForm(forms.Form):
    person = forms.CharField(required=False, label="Person's handle or name", max_length=300)
    text = forms.CharField(required=False, label="Words in any message", max_length=300)
    since = forms.DateField(
        required=False,
        label="Contact from",
        widget=GovukDateInput,
        error_messages={"invalid": "Enter a real date"},
    )
    until = forms.DateField(
        required=False,
        label="Contact to",
        widget=GovukDateInput,
        error_messages={"invalid": "Enter a real date"},
    )


class EscalationMoveForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Action",
        widget=forms.RadioSelect,
        choices=[(Escalation.Status.ACCEPTED, "Accept it"), (Escalation.Status.CLOSED, "Close it")],
        error_messages={"required": "Choose to accept or close it"},
    )
    reference = forms.CharField(
        required=False, label="Case reference (FOI or complaint number)", max_length=100
    )
    note = forms.CharField(required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2}))
