"""Forms for the check page and the standards settings pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.standards import validation
from herald.standards.checking import invalid_text_reason
from herald.standards.defaults import NETWORKS
from herald.standards.models import WordList
from herald.standards.types import Severity

TEXT_ERRORS = {
    "too_long": "The text must be 1MB or smaller",
    "invalid_unicode": "The text contains characters that are not valid Unicode",
}


class CheckForm(forms.Form):
    text = forms.CharField(
        label="Text of the post or reply",
        strip=False,  # findings are positions in the text exactly as typed
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={"required": "Enter the text you want to check"},
    )
    network = forms.ChoiceField(
        label="Network (optional)",
        required=False,
        choices=[("", "Any network"), *NETWORKS.items()],
        error_messages={"invalid_choice": "Select a network from the list"},
    )
    account = forms.CharField(
        label="Account handle (optional)",
        help_text="For example, @AldermoorLibraries. Checks the account's required sign-off "
        "and hashtags.",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-!-width-one-half"}),
        error_messages={"max_length": "The account handle must be 100 characters or fewer"},
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Enter the text you want to check")
        if reason := invalid_text_reason(text):
            raise forms.ValidationError(TEXT_ERRORS[reason])
        return text


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _each_line(value: str, check: Callable[[str], str]) -> list[str]:
    errors, cleaned = [], []
    for line in _lines(value):
        try:
            cleaned.append(check(line))
        except validation.InvalidSetting as error:
            errors.append(error.message)
    if errors:
        raise forms.ValidationError(errors)
    return cleaned


class LinesField(forms.CharField):
    """A textarea of one value per line."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value


class ContactDetailsForm(forms.Form):
    phone_numbers = LinesField(
        label="The council's published phone numbers",
        help_text="One a line, for example 01632 960000. These are never flagged as personal data.",
    )
    email_domains = LinesField(
        label="The council's email domains",
        help_text="One a line, for example aldermoor.gov.uk. Addresses at these domains are fine.",
    )
    postcodes = LinesField(
        label="The council's postcodes", help_text="One a line: the council's offices and venues."
    )
    prohibited_terms = LinesField(
        label="Prohibited terms",
        help_text="One a line: words or phrases the council never uses in its posts.",
    )

    def clean_phone_numbers(self) -> list[str]:
        return _each_line(self.cleaned_data["phone_numbers"], validation.phone_number_e164)

    def clean_email_domains(self) -> list[str]:
        return _each_line(self.cleaned_data["email_domains"], validation.email_domain)

    def clean_postcodes(self) -> list[str]:
        return _each_line(self.cleaned_data["postcodes"], validation.postcode)

    def clean_prohibited_terms(self) -> list[str]:
        return _lines(self.cleaned_data["prohibited_terms"])


class RuleForm(forms.Form):
    status = forms.ChoiceField(
        label="Is this rule on?",
        widget=forms.RadioSelect,
        choices=[("on", "On"), ("off", "Off")],
        error_messages={"required": "Select whether the rule is on"},
    )
    severity = forms.ChoiceField(
        label="What should a finding do to a post?",
        widget=forms.RadioSelect,
        choices=[("", "Use the rule's default")]
        + [(s.value, s.label) for s in sorted(Severity, key=lambda s: s.rank)],
        required=False,
    )


class WordForm(forms.Form):
    word_list = forms.ChoiceField(
        label="List",
        choices=WordList.choices,
        error_messages={"required": "Select a list", "invalid_choice": "Select a list"},
    )
    text = forms.CharField(
        label="Word, name or handle",
        max_length=200,
        error_messages={
            "required": "Enter a word, name or handle",
            "max_length": "The word must be 200 characters or fewer",
        },
    )


class ElectionPeriodForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, Aldermoor County Council elections 2027",
        error_messages={"required": "Enter a name for the pre-election period"},
    )
    notice_on = forms.DateField(
        label="Date of the notice of election",
        widget=GovukDateInput,
        error_messages={
            "required": "Enter the date of the notice of election",
            "invalid": "The date of the notice of election must be a real date",
        },
    )
    polling_on = forms.DateField(
        label="Polling day",
        widget=GovukDateInput,
        error_messages={
            "required": "Enter polling day",
            "invalid": "Polling day must be a real date",
        },
    )
    areas = LinesField(
        label="Electoral areas (optional)",
        help_text="One a line. Leave empty if the election covers the whole council.",
    )

    def clean_areas(self) -> list[str]:
        return _lines(self.cleaned_data["areas"])

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        notice, polling = data.get("notice_on"), data.get("polling_on")
        if notice and polling and polling < notice:
            self.add_error("polling_on", "Polling day must be the same as or after the notice")
        return data


class AccountRuleForm(forms.Form):
    handle = forms.CharField(
        label="Account handle",
        max_length=100,
        help_text="For example, @AldermoorLibraries",
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-!-width-one-half"}),
        error_messages={"required": "Enter the account's handle"},
    )
    required_sign_off = forms.CharField(
        label="Required sign-off (optional)",
        max_length=50,
        required=False,
        help_text="Every post must end with this, for example ^AB",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    required_hashtags = forms.CharField(
        label="Required hashtags (optional)",
        required=False,
        help_text="Separated by spaces, for example #AldermoorLibraries",
    )

    def clean_required_hashtags(self) -> list[str]:
        return _each_line(
            "\n".join(self.cleaned_data["required_hashtags"].split()), validation.hashtag
        )
