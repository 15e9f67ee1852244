"""The reputation dashboard's figures over the API, for the same filters, from the same rollups
(``build_dashboard``). Top authors stay on the page: they are minimised there."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.schema import error_responses
from herald.listening.api.filters import DashboardFilterIn, filters_of
from herald.listening.insight.dashboard import build_dashboard
from herald.listening.insight.roles import READERS
from herald.listening.presenters.insight import summary_figures


class TallyOut(serializers.Serializer[Any]):
    mentions = serializers.IntegerField()
    positive = serializers.IntegerField()
    neutral = serializers.IntegerField()
    negative = serializers.IntegerField()
    engagement = serializers.IntegerField(help_text="Likes, shares and replies.")
    positive_share = serializers.FloatField(help_text="Percent of the mentions.")
    neutral_share = serializers.FloatField()
    negative_share = serializers.FloatField()
    net_sentiment = serializers.FloatField(
        allow_null=True, help_text="Positive minus negative share, -100 to 100; null if none."
    )

    class Meta:
        ref_name = "ListeningTally"


class _DayOut(TallyOut):
    day = serializers.DateField()

    class Meta:
        ref_name = "ListeningDayTally"


class _NamedOut(TallyOut):
    name = serializers.CharField()

    class Meta:
        ref_name = "ListeningNamedTally"


class _QueryOut(_NamedOut):
    id = serializers.UUIDField()
    topic = serializers.CharField()
    share_of_voice = serializers.FloatField(help_text="Percent of all the queries' matches.")

    class Meta:
        ref_name = "ListeningQueryTally"


class _GapOut(serializers.Serializer[Any]):
    source = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.source
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()

    class Meta:
        ref_name = "ListeningPeriodGap"


class SummaryOut(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    total = TallyOut()
    per_day = _DayOut(many=True)
    services = _NamedOut(many=True, help_text="The ten with most mentions.")
    sources = _NamedOut(many=True, help_text="The ten with most mentions.")
    queries = _QueryOut(many=True, help_text="Share of voice, most mentions first.")
    gaps = _GapOut(many=True, help_text="Capture gaps overlapping the period.")

    class Meta:
        ref_name = "ListeningSummary"


class SummaryApi(APIView):
    allowed_roles = READERS

    @extend_schema(
        operation_id="listening_summary_retrieve",
        summary="The reputation dashboard's figures for the period and filters",
        tags=["listening"],
        parameters=[DashboardFilterIn],
        responses={
            200: SummaryOut,
            **error_responses(
                invalid={"end": ["The end date must be the same as or after the start date."]},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        params = filters_of(request, DashboardFilterIn)
        board = build_dashboard(params.council, params.dashboard_filters())
        return Response(SummaryOut(summary_figures(board)).data)
