"""Forms for the estate pages. They check shapes; the services check the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile

from herald.core.forms import GovukDateInput
from herald.estate.importing import MAX_BYTES
from herald.estate.models import BRANDING_CHOICES, AdminAccess, SocialAccount
from herald.estate.networks import Network
from herald.estate.services.lifecycle import CLOSURE_LABELS
from herald.estate.services.register import AccountDetails
from herald.estate.services.requests import RequestDetails
from herald.estate.workflow import next_account_statuses

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember


class StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


def _staff_field(council: Council, label: str, *, required: bool) -> StaffChoice:
    return StaffChoice(
        queryset=council.staff_members.current().select_related(None),
        label=label,
        required=required,
        empty_label="Choose a person",
        error_messages={"required": f"Choose the {label.lower()}"},
    )


def _service_field(council: Council) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=council.services.filter(is_active=True),
        label="Owning service",
        empty_label="Choose a service",
        error_messages={"required": "Choose the owning service"},
    )


def _text(label: str, *, required: bool = True, hint: str = "", rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        widget=widget,
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
    )


class AddressFields(forms.Form):
    network = forms.ChoiceField(
        label="Network",
        choices=[("", "Choose a network"), *Network.choices],
        error_messages={"required": "Choose the network"},
    )
    handle = _text("Handle", hint="As it appears on the network, for example @AldermoorLibraries")
    url = forms.URLField(
        label="Profile address (URL)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the full address, starting https://"},
    )
    name = _text("Account name", hint="The name people see on the profile")


class AccountForm(AddressFields):
    """Everything the digital team records about an account."""

    purpose = _text("Purpose", required=False, rows=3)
    audience = _text("Audience", required=False, rows=2)
    kind = forms.ChoiceField(
        label="Corporate or service account",
        choices=SocialAccount.Kind.choices,
        widget=forms.RadioSelect,
        initial=SocialAccount.Kind.SERVICE,
    )
    two_factor = forms.ChoiceField(
        label="Two-factor authentication",
        choices=SocialAccount.TwoFactor.choices,
        widget=forms.RadioSelect,
        initial=SocialAccount.TwoFactor.UNKNOWN,
    )
    branding = forms.MultipleChoiceField(
        label="Branding in place",
        choices=BRANDING_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    last_post_on = forms.DateField(
        label="Date of the last post",
        required=False,
        widget=GovukDateInput,
        error_messages={"invalid": "Date of the last post must be a real date"},
    )
    followers = forms.IntegerField(
        label="Followers", required=False, min_value=0, widget=forms.NumberInput
    )
    review_due_on = forms.DateField(
        label="Next review due",
        required=False,
        widget=GovukDateInput,
        error_messages={"invalid": "Next review date must be a real date"},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"] = _service_field(council)
        self.fields["owner"] = _staff_field(council, "Owner", required=False)
        self.fields["deputy"] = _staff_field(council, "Deputy", required=False)
        self.order_fields(
            ["network", "handle", "url", "name", "service", "kind", "owner", "deputy"]
        )

    @staticmethod
    def initial_for(account: SocialAccount) -> dict[str, Any]:
        names = [*AccountDetails.__annotations__]
        initial = {name: getattr(account, name) for name in names}
        initial["branding"] = [n for n in SocialAccount.BRANDING_FIELDS if getattr(account, n)]
        return initial

    def details(self) -> AccountDetails:
        data = dict(self.cleaned_data)
        branding = set(data.pop("branding", []))
        details = {k: v for k, v in data.items() if k in AccountDetails.__annotations__}
        details |= {name: name in branding for name in SocialAccount.BRANDING_FIELDS}
        return details  # type: ignore[return-value]


class OwnerAccountForm(forms.Form):
    """What an account's owner or deputy keeps up to date themselves."""

    purpose = AccountForm.base_fields["purpose"]
    audience = AccountForm.base_fields["audience"]
    two_factor = AccountForm.base_fields["two_factor"]
    branding = AccountForm.base_fields["branding"]
    last_post_on = AccountForm.base_fields["last_post_on"]
    followers = AccountForm.base_fields["followers"]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def details(self) -> AccountDetails:
        return AccountForm.details(self)  # type: ignore[arg-type]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the new status"},
    )
    note = _text("Why", required=False, rows=3)

    def __init__(self, *args: Any, account: SocialAccount, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(SocialAccount.Status.choices)
        # Closing has its own page, with its checklist and the scheduled-posts warning.
        allowed = [s for s in next_account_statuses(account.status) if s != "closing"]
        field = cast("forms.ChoiceField", self.fields["status"])
        field.choices = [(s, labels[s]) for s in allowed]


class AccessForm(forms.Form):
    holder = forms.ChoiceField(
        label="Who holds the access", error_messages={"required": "Choose who holds the access"}
    )
    level = forms.ChoiceField(
        label="Level",
        choices=AdminAccess.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level of access"},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(s.public_id): s for s in council.staff_members.current()}
        people = [(key, s.full_name) for key, s in self.staff.items()]
        field = cast("forms.ChoiceField", self.fields["holder"])
        field.choices = [
            ("", "Choose"),
            ("digital_team", "The digital team"),
            *people,
        ]

    def chosen_holder(self) -> StaffMember | None:
        return self.staff.get(self.cleaned_data["holder"])


class RequestForm(AddressFields):
    """A service officer's request for a new account (report ¶20)."""

    business_case = _text(
        "Business case", rows=4, hint="What the account is for and why it is needed"
    )
    audience = _text("Audience", rows=2, hint="Who you want to reach")
    why_not_corporate = _text("Why an existing corporate account cannot do this", rows=3)
    content_plan = _text("Content plan", rows=4, hint="What you will post and how often")
    hours_per_week = forms.IntegerField(
        label="Hours a week available to run it",
        min_value=1,
        max_value=40,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the hours a week available to run it",
            "invalid": "Hours a week must be a whole number",
            "min_value": "Hours a week must be at least 1",
            "max_value": "Hours a week must be 40 or fewer",
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"] = _service_field(council)
        hint = "They must have completed the social media training"
        self.fields["owner"] = _staff_field(council, "Owner", required=True)
        self.fields["deputy"] = _staff_field(council, "Deputy", required=True)
        self.fields["owner"].help_text = self.fields["deputy"].help_text = hint

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner") and data.get("owner") == data.get("deputy"):
            self.add_error("deputy", "The deputy must be someone other than the owner")
        return data

    def details(self) -> RequestDetails:
        return {k: self.cleaned_data[k] for k in RequestDetails.__annotations__}  # type: ignore[return-value]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            ("approve", "Approve"),
            ("changes", "Ask for changes"),
            ("reject", "Reject"),
        ],
        error_messages={"required": "Choose your decision"},
    )
    note = _text(
        "Note to the requester",
        required=False,
        rows=3,
        hint="Needed when you reject the request or ask for changes",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in ("changes", "reject") and not data.get("note", "").strip():
            self.add_error("note", "Enter the reason, so the requester knows what to do")
        return data


class ClosureStartForm(forms.Form):
    reason = _text("Why the account is closing", rows=3)
    accept_scheduled_posts = forms.BooleanField(
        label="Close it anyway: the scheduled posts will not go out",
        required=False,
    )


class ClosureForm(forms.Form):
    done = forms.MultipleChoiceField(
        label="Done so far",
        choices=list(CLOSURE_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    closed_on = forms.DateField(
        label="Date closed",
        required=False,
        widget=GovukDateInput,
        help_text="When the account was deleted or deactivated on the network",
        error_messages={"invalid": "Date closed must be a real date"},
    )


class AssignForm(forms.Form):
    due_on = forms.DateField(
        label="Fix by",
        widget=GovukDateInput,
        error_messages={
            "required": "Enter the date to fix it by",
            "invalid": "Fix by must be a real date",
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = _staff_field(council, "Assign to", required=True)
        self.order_fields(["assignee", "due_on"])


class EstateImportForm(forms.Form):
    file = forms.FileField(
        label="Upload the spreadsheet",
        help_text="A CSV or XLSX file, smaller than 5MB",
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or XLSX file",
        },
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX")
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        return upload


class SettingsForm(forms.Form):
    dormant_after_days = forms.IntegerField(
        label="Days without a post before an account counts as dormant",
        min_value=7,
        max_value=730,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "Dormant after must be at least 7 days",
            "max_value": "Dormant after must be 730 days or fewer",
        },
    )
    review_every_days = forms.IntegerField(
        label="Days between an owner's yearly reviews",
        min_value=30,
        max_value=730,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "Reviews must be at least 30 days apart",
            "max_value": "Reviews must be 730 days apart or fewer",
        },
    )
    connection_expiry_days = forms.IntegerField(
        label="Days before a connection token expires that it becomes a finding",
        min_value=1,
        max_value=90,
        widget=forms.NumberInput,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "Enter a whole number of days",
            "min_value": "The warning must be at least 1 day ahead",
            "max_value": "The warning must be 90 days ahead or fewer",
        },
    )
