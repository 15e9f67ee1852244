"""The audit trail over the API: administrators only, filtered as on the audit page."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import error_responses
from herald.audit import selectors
from herald.audit.models import AuditEvent
from herald.councils.roles import Role


class AuditEventListApi(APIView):
    allowed_roles = (Role.COUNCIL_ADMIN,)
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        action = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=100,
            help_text="Exactly this action, e.g. `role.granted`.",
        )
        actor = serializers.CharField(
            required=False, allow_blank=True, max_length=100, help_text="Who acted."
        )
        target = serializers.CharField(
            required=False, allow_blank=True, max_length=100, help_text="Words in what was changed."
        )
        since = serializers.DateField(required=False, help_text="On or after this day.")
        until = serializers.DateField(required=False, help_text="On or before this day.")

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            since, until = attrs.get("since"), attrs.get("until")
            if since and until and since > until:
                raise serializers.ValidationError(
                    {"until": ["Must be the same as or after since."]}
                )
            return attrs

    class OutputSerializer(serializers.Serializer[AuditEvent]):
        class ActorSerializer(serializers.Serializer[AuditEvent]):
            id = serializers.UUIDField(source="actor.public_id", allow_null=True)
            name = serializers.CharField(source="actor_label")

            class Meta:
                ref_name = "AuditActor"

        class TargetSerializer(serializers.Serializer[AuditEvent]):
            type = serializers.CharField(source="target_type")
            id = serializers.CharField(source="target_id")
            name = serializers.CharField(source="target_label")

            class Meta:
                ref_name = "AuditTarget"

        id = serializers.UUIDField(source="public_id")
        created_at = serializers.DateTimeField()
        action = serializers.CharField()
        summary = serializers.CharField()
        actor = ActorSerializer(source="*")
        target = TargetSerializer(source="*")
        changes = serializers.DictField(help_text="Each changed field as [before, after].")
        request_id = serializers.CharField(allow_blank=True)

        class Meta:
            ref_name = "AuditEvent"

    @extend_schema(
        operation_id="audit_events_list",
        summary="The council's audit trail, newest first",
        tags=["audit"],
        parameters=[FilterSerializer],
        responses={
            200: OutputSerializer(many=True),
            **error_responses(
                invalid={"until": ["Must be the same as or after since."]},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        events = selectors.audit_events(
            council=token_auth(request).context.council,
            action=filters.validated_data.get("action", ""),
            actor_text=filters.validated_data.get("actor", ""),
            target_text=filters.validated_data.get("target", ""),
            since=filters.validated_data.get("since"),
            until=filters.validated_data.get("until"),
        )
        return paginated_response(
            request=request, view=self, queryset=events, serializer_class=self.OutputSerializer
        )
