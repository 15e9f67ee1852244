"""The replies' forms, rendered as GOV.UK components by the project's form renderer."""

from __future__ import annotations

from typing import Any

from django import forms

from herald.inbox.models import ModerationAction, SavedResponse


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Checked against the council's standards as you type. Sent under the "
        "resident's message on the network.",
        error_messages={"required": "Enter your reply"},
    )
    saved_response = forms.ChoiceField(
        label="Saved response (optional)",
        required=False,
        help_text="Choose one and select Insert to add its text to the end of your reply.",
    )
    confirm_others = forms.BooleanField(
        label="I have read the other reply and still want to send mine",
        required=False,
    )

    def __init__(self, *args: Any, saved: list[SavedResponse], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saved_by_id = {str(s.public_id): s for s in saved}
        choices = [("", "Choose a saved response")] + [
            (str(s.public_id), f"{s.title} ({s.service.name if s.service else 'any service'})")
            for s in saved
        ]
        self.fields["saved_response"].choices = choices  # type: ignore[attr-defined]

    def inserted_text(self) -> str:
        """The reply with the chosen saved response added to the end."""
        chosen = self.saved_by_id.get(str(self.data.get("saved_response", "")))
        text = str(self.data.get("text", "")).rstrip()
        if chosen is None:
            return text
        return f"{text}\n\n{chosen.text}".strip()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve: send it"), ("reject", "Reject: do not send it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or reject"},
    )
    note = forms.CharField(
        label="Note (needed to reject)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the reply is rejected")
        return data


MODERATION_CHOICES = [
    (ModerationAction.Action.HIDE, "Hide it on the network"),
    (ModerationAction.Action.DELETE, "Delete it on the network"),
    (ModerationAction.Action.UNHIDE, "Unhide it on the network"),
]


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label="What to do",
        choices=MODERATION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose hide, delete or unhide"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, threats against staff or abuse. It is kept with the decision.",
        error_messages={"required": "Enter the reason"},
    )


class SavedResponseForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    service = forms.ChoiceField(label="Service", required=False)
    text = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the response's text"},
    )

    def __init__(self, *args: Any, services: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services_by_id = {str(s.public_id): s for s in services}
        choices = [("", "Any service")] + [(str(s.public_id), s.name) for s in services]
        self.fields["service"].choices = choices  # type: ignore[attr-defined]

    def chosen_service(self) -> Any:
        return self.services_by_id.get(self.cleaned_data.get("service") or "")


class ReplySettingsForm(forms.Form):
    replies_need_approval = forms.BooleanField(
        label="Replies on this account need an approver", required=False
    )
    out_of_hours_enabled = forms.BooleanField(
        label="Acknowledge messages that arrive out of office hours", required=False
    )
    out_of_hours_text = forms.CharField(
        label="Out-of-hours acknowledgement",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent once per conversation each evening, weekend or bank holiday. Checked "
        "against the council's standards when you save it.",
    )
