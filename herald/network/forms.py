"""Forms for the network pages. They check shapes; the services check the rules."""

from __future__ import annotations

import datetime
import ipaddress
from typing import TYPE_CHECKING, Any

from django import forms

from herald.core.forms import GovukDateInput
from herald.councils.roles import GRANTABLE_ROLES
from herald.network.models import Action

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


class StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.job_title})" if obj.job_title else obj.full_name


def _staff(council: Council, label: str, *, required: bool = True) -> StaffChoice:
    return StaffChoice(
        queryset=council.staff_members.current(),
        label=label,
        required=required,
        empty_label="Choose a person",
        error_messages={"required": f"Choose the {label.lower()}"},
    )


class ActionForm(forms.Form):
    action = forms.ChoiceField(
        label="Action",
        choices=Action.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an action"},
    )
    reason = _text("Reason for the change", rows=3, hint="Recorded in the policy's history.")


class DomainForm(forms.Form):
    domain = _text("Domain", hint="For example, example.com. Its subdomains are included.")


class ImportForm(forms.Form):
    domains = _text(
        "Domains",
        rows=10,
        hint=(
            "One domain a line, a hosts file (0.0.0.0 example.com) or ||example.com^ lines. "
            "Lines starting with # are ignored."
        ),
    )
    note = _text("Where the list comes from", required=False)


class GroupForm(forms.Form):
    name = _text("Group name")
    description = _text("Description", rows=2, required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"] = forms.ModelMultipleChoiceField(
            queryset=council.services.filter(is_active=True),
            label="Services",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Everyone working in these services is in the group.",
        )
        self.fields["roles"] = forms.MultipleChoiceField(
            choices=[(role.value, role.label) for role in GRANTABLE_ROLES],
            label="Roles in Herald",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Everyone holding any of these roles is in the group too.",
        )


class ExceptionForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"] = forms.ModelChoiceField(
            queryset=council.network_groups.all(),
            label="Group",
            empty_label="Choose a group",
            error_messages={"required": "Choose the group"},
        )
        self.fields["category"] = forms.ModelChoiceField(
            queryset=council.network_categories.all(),
            label="Category",
            empty_label="Choose a category",
            error_messages={"required": "Choose the category"},
        )
        self.fields["action"] = forms.ChoiceField(
            label="Action for this group",
            choices=Action.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose an action"},
        )
        self.fields["business_reason"] = _text("Business reason", rows=3)
        self.fields["approver"] = _staff(council, "Approver")
        self.fields["expires_on"] = forms.DateField(
            label="Expiry date",
            help_text="For example, 31 3 2027. A year at most.",
            widget=GovukDateInput,
            error_messages={
                "required": "Enter the expiry date",
                "invalid": "Enter the expiry date as a real date",
            },
        )


class GrantForm(forms.Form):
    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"] = _staff(council, "Staff member")
        self.fields["case_reference"] = _text("HR case reference")
        self.fields["reason"] = _text("Why you need to see this person's activity", rows=3)
        self.fields["days"] = forms.IntegerField(
            label="For how many days",
            min_value=1,
            max_value=30,
            initial=7,
            help_text="Between 1 and 30 days.",
            error_messages={
                "required": "Enter for how many days",
                "invalid": "Enter a whole number of days",
                "min_value": "Enter at least 1 day",
                "max_value": "Enter 30 days or fewer",
            },
        )


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label="From",
        widget=GovukDateInput,
        required=False,
        error_messages={"invalid": "Enter the start date as a real date"},
    )
    end = forms.DateField(
        label="To",
        widget=GovukDateInput,
        required=False,
        error_messages={"invalid": "Enter the end date as a real date"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date must be the same as or after the start date")
        if start and end and (end - start) > datetime.timedelta(days=400):
            self.add_error("end", "Choose a range of 400 days or fewer")
        return data


class SettingsForm(forms.Form):
    retention_days = forms.IntegerField(
        label="Keep raw proxy logs for (days)",
        min_value=7,
        max_value=730,
        help_text="Between 7 and 730 days. The usual period is 90 days.",
        error_messages={
            "required": "Enter how many days to keep raw proxy logs",
            "invalid": "Enter a whole number of days",
            "min_value": "Keep raw proxy logs for at least 7 days",
            "max_value": "Keep raw proxy logs for 730 days or fewer",
        },
    )
    blocked_alert_threshold = forms.IntegerField(
        label="Alert after this many blocked attempts in a day from one person",
        min_value=1,
        max_value=10000,
        error_messages={
            "required": "Enter the number of blocked attempts",
            "invalid": "Enter a whole number",
            "min_value": "Enter 1 or more",
            "max_value": "Enter 10000 or fewer",
        },
    )
    spike_factor = forms.IntegerField(
        label="Alert when a day's data is this many times a client's usual",
        min_value=2,
        max_value=100,
        error_messages={
            "required": "Enter how many times the usual",
            "invalid": "Enter a whole number",
            "min_value": "Enter 2 or more",
            "max_value": "Enter 100 or fewer",
        },
    )


class IdentityForm(forms.Form):
    kind = forms.ChoiceField(
        label="Known to the proxy by",
        choices=[("username", "Proxy user name"), ("address", "Fixed client IP address")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a user name or an address"},
    )
    value = _text("User name or address")

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"] = _staff(council, "Staff member")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "address" and data.get("value"):
            try:
                ipaddress.ip_address(data["value"].strip())
            except ValueError:
                self.add_error("value", "Enter an IP address, like 10.20.0.15")
        return data
