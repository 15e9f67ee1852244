"""Forms for sources and queries. They check shapes; the services check the rules (and the
query parser's errors come back onto the expression field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from herald.listening.models import Query, Source

if TYPE_CHECKING:
    from herald.channels.models import ChannelConnection
    from herald.councils.models import Council


class ConnectionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.account.name} ({obj.network})"


class SourceForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name for the source"}
    )
    kind = forms.ChoiceField(
        label="What to listen to",
        choices=Source.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of source this is"},
    )
    connection = ConnectionChoice(
        queryset=None,
        required=False,
        label="Connected account",
        help_text="For comments on the council's posts, messages and notifications",
        empty_label="None",
    )
    url = forms.CharField(
        label="Web address",
        required=False,
        max_length=500,
        help_text="A news feed's address, or a Mastodon server such as https://mastodon.social",
    )
    terms = forms.CharField(
        label="Hashtags and search terms",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line. On Mastodon, lines starting # are hashtags, others searches",
    )
    notifications = forms.BooleanField(
        label="Read the account's notifications (mentions and replies)", required=False
    )
    stream_address = forms.CharField(
        label="Live stream address (optional)",
        required=False,
        max_length=500,
        help_text="Mastodon and Bluesky are heard live as well as polled. Only if the Mastodon "
        "server streams from another address (https://…), or to use another Bluesky Jetstream "
        "(wss://…)",
    )
    poll_every_minutes = forms.IntegerField(
        label="Poll every (minutes)",
        initial=5,
        min_value=1,
        max_value=1440,
        error_messages={
            "required": "Enter how often to poll, in minutes",
            "invalid": "Enter how often to poll as a whole number of minutes",
            "min_value": "Poll between every minute and once a day",
            "max_value": "Poll between every minute and once a day",
        },
    )

    def __init__(
        self, *args: Any, connections: list[ChannelConnection], editing: bool = False, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["connection"].queryset = _queryset(connections)  # type: ignore[attr-defined]
        if editing:
            self.fields["kind"].disabled = True

    def config(self) -> dict[str, Any]:
        """The settings for the chosen kind, in the shape the service checks."""
        data = self.cleaned_data
        lines = [line.strip() for line in data.get("terms", "").splitlines() if line.strip()]
        return {
            "url": data.get("url", ""),
            "instance": data.get("url", ""),
            "hashtags": [line for line in lines if line.startswith("#")],
            "search": [line for line in lines if not line.startswith("#")],
            "terms": lines,
            "notifications": data.get("notifications", False),
            "stream_address": data.get("stream_address", ""),
        }

    @staticmethod
    def initial_for(source: Source) -> dict[str, Any]:
        config = source.config
        terms = [*config.get("hashtags", []), *config.get("search", []), *config.get("terms", [])]
        return {
            "name": source.name,
            "kind": source.kind,
            "connection": source.connection_id,
            "url": config.get("url") or config.get("instance") or "",
            "terms": "\n".join(terms),
            "notifications": bool(config.get("notifications")),
            "stream_address": config.get("stream_address") or "",
            "poll_every_minutes": source.poll_every_seconds // 60,
        }


def _queryset(connections: list[ChannelConnection]) -> Any:
    from herald.channels.models import ChannelConnection  # noqa: PLC0415

    # Already the council's own connections (from the selector): narrowed by their ids.
    return ChannelConnection.objects.filter(pk__in=[c.pk for c in connections]).select_related(
        "account"
    )


class QueryForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name for the query"}
    )
    topic = forms.ChoiceField(
        label="What it is about",
        choices=Query.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the query is about"},
    )
    expression = forms.CharField(
        label="Query",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='Words and "phrases" with AND, OR, NOT and brackets, such as '
        "(bins OR recycling) AND (missed OR strike)",
        error_messages={"required": "Enter the query"},
    )
    exclusions = forms.CharField(
        label="Exclusions (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='A mention matching this is left out, such as "Aldermoor FC" OR football',
    )
    service: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label="Service (optional)", empty_label="None"
    )
    is_active = forms.BooleanField(
        label="Match new mentions with this query", required=False, initial=True
    )

    def __init__(self, *args: Any, council: Council, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["service"].queryset = council.services.order_by("name")  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(query: Query) -> dict[str, Any]:
        return {
            "name": query.name,
            "topic": query.topic,
            "expression": query.expression,
            "exclusions": query.exclusions,
            "service": query.service_id,
            "is_active": query.is_active,
        }
