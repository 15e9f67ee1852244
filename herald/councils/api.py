"""The API's view of the tenancy: who the token is, and the council's services and teams."""

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
from herald.councils import selectors
from herald.councils.models import Service, Team
from herald.councils.roles import Role


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer[Any]):
        class CouncilSerializer(serializers.Serializer[Any]):
            id = serializers.UUIDField(source="public_id")
            name = serializers.CharField()
            slug = serializers.SlugField()

            class Meta:
                ref_name = "MeCouncil"

        class UserSerializer(serializers.Serializer[Any]):
            id = serializers.UUIDField(source="public_id")
            username = serializers.CharField()
            name = serializers.CharField(source="display_name")
            email = serializers.CharField(allow_blank=True)

            class Meta:
                ref_name = "MeUser"

        council = CouncilSerializer()
        role = serializers.ChoiceField(choices=Role.choices)
        role_label = serializers.CharField()
        user = UserSerializer()

        class Meta:
            ref_name = "Me"

    @extend_schema(
        operation_id="me",
        summary="The token's council, role and user",
        tags=["councils"],
        responses={200: OutputSerializer, **error_responses()},
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        data = {
            "council": auth.context.council,
            "role": auth.role.value,
            "role_label": auth.role.label,
            "user": auth.context.membership.user,
        }
        return Response(self.OutputSerializer(data).data)


class ServiceListApi(APIView):
    pagination_class = Pagination

    class OutputSerializer(serializers.Serializer[Service]):
        id = serializers.UUIDField(source="public_id")
        name = serializers.CharField()
        slug = serializers.SlugField()
        is_active = serializers.BooleanField()

        class Meta:
            ref_name = "Service"

    @extend_schema(
        operation_id="services_list",
        summary="The council's services (departments)",
        tags=["councils"],
        responses={
            200: OutputSerializer(many=True),
            **error_responses(
                invalid={"page_size": ["Ensure this value is less than or equal to 200."]},
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        council = token_auth(request).context.council
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.council_services(council=council),
            serializer_class=self.OutputSerializer,
        )


class TeamListApi(APIView):
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        service = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=80,
            help_text="Only teams in the service with this slug.",
        )

    class OutputSerializer(serializers.Serializer[Team]):
        class ServiceSerializer(serializers.Serializer[Service]):
            id = serializers.UUIDField(source="public_id")
            name = serializers.CharField()
            slug = serializers.SlugField()

            class Meta:
                ref_name = "TeamService"

        id = serializers.UUIDField(source="public_id")
        name = serializers.CharField()
        service = ServiceSerializer()

        class Meta:
            ref_name = "Team"

    @extend_schema(
        operation_id="teams_list",
        summary="The council's teams, each in a service",
        tags=["councils"],
        parameters=[FilterSerializer],
        responses={
            200: OutputSerializer(many=True),
            **error_responses(
                invalid={"service": ["Ensure this field has no more than 80 characters."]},
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        teams = selectors.council_teams(
            council=token_auth(request).context.council,
            service_slug=filters.validated_data.get("service", ""),
        )
        return paginated_response(
            request=request, view=self, queryset=teams, serializer_class=self.OutputSerializer
        )
