"""Alerts over the API: the council's alerts, and acknowledging or closing one through the same
lifecycle services as the alert page (history, audit event, conditional UPDATE). Managers only,
as on the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import ErrorSerializer, error_responses
from herald.audit.services import Actor
from herald.listening.alerting import lifecycle, selectors
from herald.listening.insight.roles import MANAGERS
from herald.listening.models import Alert

REFUSED = OpenApiResponse(
    response=ErrorSerializer,
    description="The alert's status does not allow it (codes: `transition_not_allowed`, "
    "`status_changed_meanwhile`); nothing changed.",
)


class _RuleRefOut(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()
    kind = serializers.CharField()

    class Meta:
        ref_name = "ListeningAlertRuleRef"


class AlertOut(serializers.Serializer[Alert]):
    id = serializers.UUIDField(source="public_id")
    rule = _RuleRefOut()
    status = serializers.CharField()
    summary = serializers.CharField()
    raised_at = serializers.DateTimeField(source="created_at")
    window_start = serializers.DateTimeField()
    window_end = serializers.DateTimeField()
    observed = serializers.FloatField(allow_null=True)
    baseline = serializers.FloatField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    acknowledged_by = serializers.CharField(
        source="acknowledged_by.display_name", allow_null=True, default=None
    )
    escalated_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "ListeningAlert"


class AlertListApi(APIView):
    allowed_roles = MANAGERS
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        status = serializers.ChoiceField(
            choices=["", "all", *Alert.Status.values],
            required=False,
            default="",
            help_text="Blank (the default): open and escalated, as on the alerts page.",
        )

        class Meta:
            ref_name = "ListeningAlertFilters"

    @extend_schema(
        operation_id="listening_alerts_list",
        summary="The council's alerts, newest first",
        tags=["listening"],
        parameters=[FilterSerializer],
        responses={
            200: AlertOut(many=True),
            **error_responses(
                invalid={"status": ['"lost" is not a valid choice.']},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        council = token_auth(request).context.council
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.alerts_for(council, status=params.validated_data["status"]),
            serializer_class=AlertOut,
        )


class AlertActionIn(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    class Meta:
        ref_name = "ListeningAlertAction"


class _AlertActionApi(APIView):
    allowed_roles = MANAGERS
    parser_classes = [JSONParser]
    closes = False

    def post(self, request: Request, public_id: UUID) -> Response:
        context = token_auth(request).context
        alert = selectors.alert_of(context.council, public_id)
        body = AlertActionIn(data=request.data)
        body.is_valid(raise_exception=True)
        act = lifecycle.close_alert if self.closes else lifecycle.acknowledge_alert
        note = body.validated_data["note"]
        moved = act(alert=alert, actor=Actor(user=context.membership.user), note=note)
        return Response(AlertOut(moved).data)  # the service set the new fields on it


def _documented(verb: str, summary: str) -> Callable[[type[APIView]], type[APIView]]:
    responses = {200: AlertOut, 400: REFUSED, **error_responses(forbidden=True, not_found=True)}
    return extend_schema_view(
        post=extend_schema(
            operation_id=f"listening_alerts_{verb}",
            summary=summary,
            tags=["listening"],
            request=AlertActionIn,
            responses=responses,
        )
    )


@_documented("acknowledge", "Acknowledge an open or escalated alert: escalation stops")
class AcknowledgeAlertApi(_AlertActionApi):
    pass


@_documented("close", "Close an alert (dealt with, or noise); it stays on record")
class CloseAlertApi(_AlertActionApi):
    closes = True
