"""The insight pages' filters as query parameters. Unlike the pages, which show a bad filter as an
error and apply the rest, the API refuses the request: a malformed value is a 400 naming the
parameter, another council's source or query a 404 (as the inbox's service and team)."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rest_framework import serializers
from rest_framework.exceptions import NotFound

from herald.api.auth import token_auth
from herald.api.fields import QueryUUIDField
from herald.api.pagination import MAX_PAGE_SIZE
from herald.listening.insight import mentions as selectors
from herald.listening.insight.dashboard import DashboardFilters
from herald.listening.insight.forms import FLAG_CHOICES
from herald.listening.models import Mention, Query

if TYPE_CHECKING:
    from uuid import UUID

    from rest_framework.request import Request

    from herald.councils.models import Council
    from herald.listening.models import Source

BLANK = [("", "Any")]
# Dates are taken within these (no mention is older or newer), so no sum overflows a date.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)
# The summary covers at most this many days: an earlier start is moved up (the answer says the
# period it covered), so one request cannot sum a century of days.
SUMMARY_DAYS = 366


def _choice(choices: list[tuple[str, str]], help_text: str) -> serializers.ChoiceField:
    # Blank means no filter (a form or Power BI sends "sentiment=" for "any").
    return serializers.ChoiceField(
        choices=[value for value, _ in choices], required=False, default="", help_text=help_text
    )


class DashboardFilterIn(serializers.Serializer[Any]):
    """The reputation dashboard's filters; the council comes in the context."""

    start = serializers.DateField(required=False, help_text="From this day (default: 30 days).")
    end = serializers.DateField(required=False, help_text="Up to this day (default: today).")
    # A field, not Field.source: DRF takes declared fields off the class.
    source = QueryUUIDField(required=False, help_text="One of the council's sources.")  # type: ignore[assignment]
    topic = _choice(BLANK + list(Query.Topic.choices), "Mentions matching this topic's queries.")
    sentiment = _choice(BLANK + list(Mention.Sentiment.choices), "Only this sentiment.")

    class Meta:
        ref_name = "ListeningDashboardFilters"

    @property
    def council(self) -> Council:
        council: Council = self.context["council"]
        return council

    def validate_source(self, value: UUID) -> Source:
        found = selectors.sources_of(self.council).filter(public_id=value).first()
        if found is None:
            raise NotFound("No such source in this council.")
        return found

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [attrs.get(name) for name in ("start", "end")]
        start, end = selectors.period_of(*(_within(day) for day in given))
        if start > end:
            raise serializers.ValidationError(
                {"end": ["The end date must be the same as or after the start date."]}
            )
        return {**attrs, "start": start, "end": end}

    def dashboard_filters(self) -> DashboardFilters:
        data = self.validated_data
        fields = ("start", "end", "source", "topic", "sentiment")
        filters = DashboardFilters(**{name: data.get(name) for name in fields})
        earliest = filters.end - datetime.timedelta(days=SUMMARY_DAYS - 1)
        return filters if filters.start >= earliest else replace(filters, start=earliest)


class MentionFilterIn(DashboardFilterIn):
    """The mentions page's filters, plus the cursor and the page size."""

    query = QueryUUIDField(required=False, help_text="Mentions matching this query.")
    service = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=64,
        help_text="A service label mentions were routed to, e.g. `waste` (another matches none).",
    )
    flag = _choice(FLAG_CHOICES, "Only mentions flagged offensive, or safeguarding.")
    after = serializers.RegexField(
        selectors.CURSOR_PATTERN,
        required=False,
        allow_blank=True,
        default="",
        help_text="The `next` of the page before.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )

    class Meta:
        ref_name = "ListeningMentionFilters"

    def validate_query(self, value: UUID) -> Query:
        found = selectors.queries_of(self.council).filter(public_id=value).first()
        if found is None:
            raise NotFound("No such query in this council.")
        return found

    def mention_filters(self) -> selectors.MentionFilters:
        data = self.validated_data
        fields = ("start", "end", "source", "query", "topic", "sentiment", "service", "flag")
        return selectors.MentionFilters(**{name: data.get(name) for name in fields})


def _within(day: datetime.date | None) -> datetime.date | None:
    return None if day is None else min(max(day, EARLIEST), LATEST)


def filters_of[Filters: DashboardFilterIn](request: Request, kind: type[Filters]) -> Filters:
    """The request's filters, checked against the token's council: any bad one is a 400."""
    council = token_auth(request).context.council
    params = kind(data=request.query_params, context={"council": council})
    params.is_valid(raise_exception=True)
    return params
