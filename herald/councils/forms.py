from typing import Any

from django import forms

from herald.councils.models import Membership
from herald.councils.roles import GRANTABLE_ROLES, Role


class ChooseCouncilForm(forms.Form):
    council = forms.TypedChoiceField(
        label="Which council are you working in?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the council you are working in",
            "invalid_choice": "Select the council you are working in",
        },
    )

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._by_id = {str(m.public_id): m for m in memberships}
        choices = [(str(m.public_id), m.council.name) for m in memberships]
        self.fields["council"].choices = choices  # type: ignore[attr-defined]

    def clean_council(self) -> Membership:
        value = self.cleaned_data["council"]
        membership = self._by_id.get(value)
        if membership is None:
            raise forms.ValidationError("Select the council you are working in")
        return membership


class MemberRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(role.value, role.label) for role in GRANTABLE_ROLES],
        help_text=(
            "Line manager and all staff are not listed: they follow from the staff records."
        ),
    )

    def clean_roles(self) -> set[Role]:
        return {Role(value) for value in self.cleaned_data["roles"]}
