"""Forms for the insight pages. They check shapes; the services check the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.listening.insight.mentions import service_labels
from herald.listening.models import AlertRule, Mention, Query

if TYPE_CHECKING:
    from herald.councils.models import Council

ANY = [("", "Any")]
FLAG_CHOICES = [("", "Any"), ("offensive", "Offensive"), ("safeguarding", "Safeguarding")]


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=GovukDateInput,
        help_text="For example, 27 11 2026",
        error_messages={"invalid": f"{label} must be a real date"},
    )


def _by_public_id(queryset: Any, label: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=queryset, label=label, required=False, to_field_name="public_id", empty_label="Any"
    )


class DashboardFilterForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"] = _date("From")
        self.fields["end"] = _date("To")
        self.fields["source"] = _by_public_id(council.listening_sources.all(), "Source")
        self.fields["topic"] = forms.ChoiceField(
            label="Topic", choices=ANY + list(Query.Topic.choices), required=False
        )
        self.fields["sentiment"] = forms.ChoiceField(
            label="Sentiment", choices=ANY + list(Mention.Sentiment.choices), required=False
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data


class MentionFilterForm(DashboardFilterForm):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        self.fields["query"] = _by_public_id(council.listening_queries.all(), "Query")
        self.fields["service"] = forms.ChoiceField(
            label="Service",
            choices=ANY + [(label, label.replace("_", " ")) for label in service_labels(council)],
            required=False,
        )
        self.fields["flag"] = forms.ChoiceField(
            label="Flagged", choices=FLAG_CHOICES, required=False
        )


def _addresses(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": 3})
    )


class RuleForm(forms.Form):
    name = forms.CharField(label="Name", error_messages={"required": "Enter a name for the rule"})
    kind = forms.ChoiceField(
        label="What it watches for",
        choices=AlertRule.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the rule watches for"},
    )
    service_label = forms.CharField(
        label="Service (optional)",
        required=False,
        help_text="Only mentions routed to this service, for example waste. Leave empty for all.",
    )
    threshold = forms.FloatField(
        label="Threshold",
        help_text="Spike: times the usual volume (for example 3). Shift: percentage points more "
        "negative than usual (for example 20). Not used for high-risk items.",
        error_messages={"required": "Enter the threshold", "invalid": "Threshold must be a number"},
    )
    window_minutes = forms.IntegerField(
        label="Window (minutes)",
        help_text="Whole hours: 60 for an hour, 1440 for a day.",
        error_messages={"required": "Enter the window", "invalid": "Window must be a whole number"},
    )
    baseline_days = forms.IntegerField(
        label="Baseline (days)",
        help_text="How many days before the window count as usual.",
        error_messages={"required": "Enter the baseline", "invalid": "Baseline must be a number"},
    )
    minimum_count = forms.IntegerField(
        label="Fewest mentions to alert on",
        error_messages={"required": "Enter the minimum", "invalid": "Minimum must be a number"},
    )
    email_to = _addresses("Email the alert to", "One address a line. Leave empty for in-app only.")
    respect_quiet_hours = forms.BooleanField(
        label="Wait for the end of quiet hours before emailing (never for high-risk items)",
        required=False,
    )
    escalate_after_minutes = forms.IntegerField(
        label="Escalate after (minutes, optional)",
        required=False,
        min_value=1,
        error_messages={"invalid": "Minutes must be a whole number"},
    )
    escalate_to = _addresses("Escalate to", "One address a line.")
    is_active = forms.BooleanField(label="The rule is on", required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["query"] = _by_public_id(council.listening_queries.all(), "Query (optional)")
        self.fields["query"].empty_label = "Every mention"  # type: ignore[attr-defined]
        self.order_fields(["name", "kind", "query"])

    def rule_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("email_to", "escalate_to"):
            data[name] = [line.strip() for line in data[name].splitlines() if line.strip()]
        data["service_label"] = data["service_label"].strip()
        return data


class PrivacyForm(forms.Form):
    lawful_basis = forms.CharField(
        label="Lawful basis",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Under UK GDPR Article 6, and why listening to public posts needs it.",
        error_messages={"required": "Enter the lawful basis"},
    )
    retention_months = forms.IntegerField(
        label="Keep mentions for (months)",
        help_text="Mentions older than this are deleted every night. The default is 13 months.",
        error_messages={"required": "Enter how many months", "invalid": "Enter a whole number"},
    )
    quiet_from = forms.TimeField(
        label="Quiet hours start (optional)",
        required=False,
        help_text="UK time, for example 22:00.",
        error_messages={"invalid": "Enter a time like 22:00"},
    )
    quiet_until = forms.TimeField(
        label="Quiet hours end (optional)",
        required=False,
        help_text="For example 07:00. High-risk alerts are emailed whatever the time.",
        error_messages={"invalid": "Enter a time like 07:00"},
    )
    authors_in_exports = forms.BooleanField(
        label="Include authors' handles and names in exports and on the dashboard", required=False
    )
    authors_in_exports_reason = forms.CharField(
        label="Why the council needs them (required to include them)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="Note (optional)", required=False)
