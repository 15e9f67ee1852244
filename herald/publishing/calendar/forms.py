"""Forms for the calendar's pages. They check shapes; the services check the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile

from herald.core.forms import GovukDateInput
from herald.publishing.calendar import csvio
from herald.publishing.calendar.services import CampaignDetails
from herald.publishing.models import Campaign, Recurrence

if TYPE_CHECKING:
    from herald.councils.models import Council


def _date(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=GovukDateInput,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"{label} must be a real date",
        },
    )


class CampaignForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the name of the campaign",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What the campaign is for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_on = _date("Start date")
    ends_on = _date("End date")
    is_consultation = forms.BooleanField(
        label="This is a consultation or engagement exercise",
        required=False,
        help_text="Residents are asked for their views (the programme's participation aim)",
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"] = forms.ModelChoiceField(
            queryset=council.services.filter(is_active=True),
            label="Service",
            required=False,
            empty_label="The whole council",
        )
        self.order_fields(["name", "description", "service", "starts_on", "ends_on"])

    @staticmethod
    def initial_for(campaign: Campaign) -> dict[str, Any]:
        return {name: getattr(campaign, name) for name in CampaignDetails.__annotations__}

    def details(self) -> CampaignDetails:
        return {k: self.cleaned_data[k] for k in CampaignDetails.__annotations__}  # type: ignore[return-value]


class ScheduleForm(forms.Form):
    target_per_week = forms.IntegerField(
        label="Target posts a week",
        min_value=1,
        max_value=100,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the target number of posts a week",
            "invalid": "Target posts a week must be a whole number",
            "min_value": "Target posts a week must be at least 1",
            "max_value": "Target posts a week must be 100 or fewer",
        },
    )
    slots = forms.CharField(
        label="Preferred times",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line, a day and a time in UK time, like Tuesday 09:30",
    )
    is_active = forms.BooleanField(
        label="Count this account in the falling-short report", required=False, initial=True
    )


class NewScheduleForm(ScheduleForm):
    account = forms.ChoiceField(label="Account", error_messages={"required": "Choose the account"})

    def __init__(self, *args: Any, accounts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ChoiceField", self.fields["account"])
        field.choices = [("", "Choose an account"), *accounts]
        self.order_fields(["account", "target_per_week", "slots", "is_active"])


class RecurrenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often",
        choices=Recurrence.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose weekly or monthly"},
    )
    interval = forms.IntegerField(
        label="Every how many weeks or months",
        min_value=1,
        max_value=12,
        initial=1,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter how many weeks or months apart",
            "invalid": "Enter a whole number",
            "min_value": "Repeat every 1 to 12 weeks or months",
            "max_value": "Repeat every 1 to 12 weeks or months",
        },
    )
    ends_on = _date("End date", required=True)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload the CSV file",
        help_text="A CSV file, smaller than 1MB",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if (upload.size or 0) > csvio.MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1MB")
        return upload
