"""Forms for the publishing pages. They check shapes; the services check the rules."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from herald.core.forms import GovukDateInput
from herald.publishing.models import Campaign, Hold, MediaItem, Post
from herald.publishing.services import MOURNING_CATEGORIES, MediaUse, PostInput, VariantInput

if TYPE_CHECKING:
    from collections.abc import Iterable

    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$", re.IGNORECASE)


def parse_time(value: str) -> datetime.time | None:
    match = _TIME.match(value or "")
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class WhenFields(forms.Form):
    """A date and a time in the council's time zone, as GOV.UK asks: day, month, year boxes."""

    day = forms.DateField(
        label="Date to post",
        required=False,
        widget=GovukDateInput(),
        help_text="For example, 27 3 2027",
        error_messages={"invalid": "Enter a real date"},
    )
    time = forms.CharField(
        label="Time to post",
        required=False,
        max_length=10,
        help_text="For example, 9:30 or 14:00",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    when_required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time_text = data.get("day"), (data.get("time") or "").strip()
        data["when"] = None
        if day is None and not time_text and "day" not in self.errors:
            if self.when_required:
                self.add_error("day", "Enter the date to post")
            return data
        moment = parse_time(time_text)
        if moment is None:
            self.add_error("time", "Enter a time like 9:30 or 14:00")
        elif day is None:
            if "day" not in self.errors:
                self.add_error("day", "Enter the date to post")
        else:
            data["when"] = timezone.make_aware(datetime.datetime.combine(day, moment))
        return data


class ComposerForm(WhenFields):
    """One post to several accounts: shared text, a section per account to change it, images
    from the library each with its alt text for this post."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For the calendar and the approvers; not published.",
        error_messages={"required": "Enter a title for the post"},
    )
    accounts = forms.MultipleChoiceField(
        label="Accounts to post to",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one account"},
    )
    text = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Posted to every account unless you change it for one below.",
    )
    link = forms.URLField(label="Link (optional)", required=False, max_length=2000)
    first_comment = forms.CharField(
        label="First comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    video_title = forms.CharField(label="Video title (YouTube)", required=False, max_length=100)
    category = forms.ChoiceField(
        label="Category",
        choices=Post.Category.choices,
        initial=Post.Category.GENERAL,
        widget=forms.RadioSelect,
        help_text="During national mourning only some categories may still go out.",
    )
    campaign = forms.ChoiceField(label="Campaign (optional)", required=False)
    media_items = forms.MultipleChoiceField(
        label="Images or video from the media library (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Up to 4 images or 1 video.",
    )

    def __init__(
        self,
        *args: Any,
        accounts: Iterable[SocialAccount],
        media: Iterable[MediaItem],
        campaigns: Iterable[Campaign],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.account_list = list(accounts)
        self.media_list = list(media)
        self.campaign_list = list(campaigns)
        by_id = {str(a.public_id): a for a in self.account_list}
        self.accounts_by_id = by_id
        self.fields["accounts"].choices = [  # type: ignore[attr-defined]
            (key, f"{a.name} ({a.get_network_display()})") for key, a in by_id.items()
        ]
        self.fields["media_items"].choices = [  # type: ignore[attr-defined]
            (str(m.public_id), f"{m.original_name} ({m.get_kind_display().lower()})")
            for m in self.media_list
        ]
        self.fields["campaign"].choices = [  # type: ignore[attr-defined]
            ("", "No campaign")
        ] + [(str(c.public_id), c.name) for c in self.campaign_list]
        for account in self.account_list:
            self.fields[f"text_{account.public_id}"] = forms.CharField(
                label=f"Text for {account.name} only",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Leave empty to use the text above.",
            )
        for item in self.media_list:
            if item.kind == MediaItem.Kind.IMAGE:
                self.fields[f"alt_{item.public_id}"] = forms.CharField(
                    label=f"Alt text for {item.original_name}",
                    required=False,
                    initial=item.alt_text,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text="Describe the image for people who cannot see it.",
                )

    def account_sections(self) -> list[tuple[SocialAccount, forms.BoundField]]:
        return [(a, self[f"text_{a.public_id}"]) for a in self.account_list]

    def alt_fields(self) -> list[tuple[MediaItem, forms.BoundField]]:
        return [
            (m, self[f"alt_{m.public_id}"])
            for m in self.media_list
            if m.kind == MediaItem.Kind.IMAGE
        ]

    def main_fields(self) -> list[forms.BoundField]:
        names = ["title", "accounts", "text", "link", "first_comment", "video_title"]
        return [self[name] for name in names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("accounts") or []
        text = (data.get("text") or "").strip()
        if chosen and not text and not data.get("media_items"):
            overrides = [(data.get(f"text_{key}") or "").strip() for key in chosen]
            if not all(overrides):
                self.add_error("text", "Enter the text of the post")
        return data

    def post_input(self) -> PostInput:
        data = self.cleaned_data
        media_by_id = {str(m.public_id): m for m in self.media_list}
        uses = tuple(
            MediaUse(item=media_by_id[key], alt_text=data.get(f"alt_{key}") or "")
            for key in data.get("media_items") or []
        )
        campaigns = {str(c.public_id): c for c in self.campaign_list}
        variants = tuple(
            VariantInput(
                account=self.accounts_by_id[key],
                text=(data.get(f"text_{key}") or "").strip() or data.get("text", "").strip(),
                link=data.get("link") or "",
                first_comment=(data.get("first_comment") or "").strip(),
                video_title=(data.get("video_title") or "").strip(),
                media=uses,
            )
            for key in data["accounts"]
        )
        return PostInput(
            title=data["title"],
            category=data["category"],
            campaign=campaigns.get(data.get("campaign") or ""),
            scheduled_for=data.get("when"),
            variants=variants,
        )

    @classmethod
    def initial_for(cls, post: Post) -> dict[str, Any]:
        variants = list(post.variants.select_related("account").prefetch_related("media__item"))
        first = variants[0] if variants else None
        initial: dict[str, Any] = {
            "title": post.title,
            "category": post.category,
            "campaign": str(post.campaign.public_id) if post.campaign else "",
            "accounts": [str(v.account.public_id) for v in variants],
            "text": first.text if first else "",
            "link": first.link if first else "",
            "first_comment": first.first_comment if first else "",
            "video_title": first.video_title if first else "",
        }
        if post.scheduled_for:
            local = timezone.localtime(post.scheduled_for)
            initial["day"] = local.date()
            initial["time"] = f"{local:%H:%M}"
        for variant in variants:
            if first is not None and variant.text != first.text:
                initial[f"text_{variant.account.public_id}"] = variant.text
        if first is not None:
            uses = list(first.media.all())
            initial["media_items"] = [str(u.item.public_id) for u in uses]
            for use in uses:
                initial[f"alt_{use.item.public_id}"] = use.alt_text
        return initial


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("approve", "Approve"),
            ("return", "Return with changes"),
            ("reject", "Reject"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve, return or reject"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you return or reject it: the author sees it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in ("return", "reject") and not (data.get("note") or "").strip():
            self.add_error("note", "Say what needs to change, or why it is rejected")
        return data


class ScheduleForm(WhenFields):
    when_required = True


class SignOffForm(forms.Form):
    subject = forms.CharField(widget=forms.HiddenInput)
    kind = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Why it may go out",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it may go out"},
    )


class HoldForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of hold",
        choices=Hold.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of hold"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for the hold"},
    )
    accounts = forms.MultipleChoiceField(
        label="Accounts (leave all unticked for every account)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allowed_categories = forms.MultipleChoiceField(
        label="National mourning: categories that may still go out with sign-off",
        required=False,
        choices=[(str(c), c.label) for c in MOURNING_CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
    )
    election_period = forms.ChoiceField(label="Pre-election period", required=False)
    named_officer = forms.ChoiceField(label="Named officer who signs off posts", required=False)

    def __init__(
        self,
        *args: Any,
        accounts: Iterable[SocialAccount],
        periods: Iterable[Any],
        officers: Iterable[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.account_map = {str(a.public_id): a for a in accounts}
        self.period_map = {str(p.public_id): p for p in periods}
        self.officer_map = {str(m.public_id): m for m in officers}
        self.fields["accounts"].choices = [  # type: ignore[attr-defined]
            (k, a.name) for k, a in self.account_map.items()
        ]
        if not self.account_map:  # GOV.UK checkboxes need at least one box
            del self.fields["accounts"]
        self.fields["election_period"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a period")
        ] + [(k, str(p)) for k, p in self.period_map.items()]
        self.fields["named_officer"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a person")
        ] + [(k, m.user.display_name) for k, m in self.officer_map.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Hold.Kind.PRE_ELECTION:
            if not data.get("election_period"):
                self.add_error("election_period", "Choose the pre-election period")
            if not data.get("named_officer"):
                self.add_error("named_officer", "Choose the officer who signs off posts")
        return data


class ReleaseForm(WhenFields):
    action = forms.ChoiceField(
        label="What should happen to it",
        choices=[
            ("publish_now", "Publish now"),
            ("reschedule", "Reschedule"),
            ("cancel", "Cancel (withdraw it)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose publish now, reschedule or cancel"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wants_time = data.get("action") == "reschedule" and data.get("when") is None
        if wants_time and not self.errors.get("day"):
            self.add_error("day", "Enter the new date and time")
        return data


class MediaForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="A JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a WebVTT or "
        "SRT captions file.",
        error_messages={"required": "Choose a file to upload"},
    )
    alt_text = forms.CharField(
        label="Alt text (images)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The usual description; each post can change it.",
    )
    source = forms.CharField(
        label="Source",
        max_length=300,
        help_text="Who made it, or where it came from.",
        error_messages={"required": "Say who made it or where it came from"},
    )
    licence = forms.CharField(
        label="Licence or permission",
        max_length=200,
        error_messages={"required": "Say what licence or permission lets the council use it"},
    )
    shows_people = forms.BooleanField(
        label="It shows people who could be identified", required=False
    )
    consent_reference = forms.CharField(
        label="Consent reference",
        required=False,
        max_length=200,
        help_text="Required if it shows people: where their consent is recorded.",
    )
    expires_on = forms.DateField(
        label="The right to use it ends on (optional)",
        required=False,
        widget=GovukDateInput(),
        error_messages={"invalid": "Enter a real date"},
    )
    captions = forms.ChoiceField(label="Captions file (videos)", required=False)

    def __init__(self, *args: Any, captions: Iterable[MediaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.captions_map = {str(c.public_id): c for c in captions}
        self.fields["captions"].choices = [  # type: ignore[attr-defined]
            ("", "No captions file")
        ] + [(k, c.original_name) for k, c in self.captions_map.items()]


class WithdrawMediaForm(forms.Form):
    reason = forms.CharField(
        label="Why it is being withdrawn",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give the reason for withdrawing it"},
    )


class PostFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Post.Status.choices])
    account = forms.CharField(required=False)
    campaign = forms.CharField(required=False)
    view = forms.ChoiceField(
        required=False,
        choices=[("", "All posts"), ("mine", "My drafts"), ("awaiting", "Awaiting my approval")],
    )


def council_campaigns(council: Council) -> list[Campaign]:
    return list(Campaign.objects.filter(council=council, archived_at__isnull=True))
