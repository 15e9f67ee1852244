"""Staff records over the API: the same selectors and the same role rules as the staff pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import TokenAuth, token_auth
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import error_responses
from herald.councils.models import Service, Team
from herald.councils.roles import Role
from herald.people import selectors
from herald.people.models import StaffMember, StaffMemberQuerySet
from herald.people.selectors import STAFF_VIEWERS

# The roles that see every staff record, as on the staff pages. A line manager sees their reports.


class StaffOutputSerializer(serializers.Serializer[StaffMember]):
    class ServiceSerializer(serializers.Serializer[Service]):
        id = serializers.UUIDField(source="public_id")
        name = serializers.CharField()
        slug = serializers.SlugField()

        class Meta:
            ref_name = "StaffService"

    class TeamSerializer(serializers.Serializer[Team]):
        id = serializers.UUIDField(source="public_id")
        name = serializers.CharField()

        class Meta:
            ref_name = "StaffTeam"

    class LineManagerSerializer(serializers.Serializer[StaffMember]):
        id = serializers.UUIDField(source="public_id")
        full_name = serializers.CharField()

        class Meta:
            ref_name = "StaffLineManager"

    id = serializers.UUIDField(source="public_id")
    employee_number = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    job_title = serializers.CharField(allow_blank=True)
    service = ServiceSerializer(allow_null=True)
    team = TeamSerializer(allow_null=True)
    line_manager = LineManagerSerializer(allow_null=True)
    started_on = serializers.DateField(allow_null=True)
    left_on = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "StaffMember"


def _own_record(auth: TokenAuth) -> StaffMember:
    own = auth.context.membership.staff_member
    if own is None:  # the line manager role comes from a staff record, so this cannot be a report
        raise NotFound
    return own


class StaffListApi(APIView):
    allowed_roles = (*STAFF_VIEWERS, Role.LINE_MANAGER)
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        search = serializers.CharField(
            required=False, allow_blank=True, max_length=100, help_text="Words in name, email…"
        )
        service = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=80,
            help_text="Only staff in the service with this slug.",
        )
        include_leavers = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="staff_list",
        summary="Staff records (a line manager's token lists only their direct reports)",
        tags=["people"],
        parameters=[FilterSerializer],
        responses={
            200: StaffOutputSerializer(many=True),
            **error_responses(
                invalid={"include_leavers": ["Must be a valid boolean."]},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        options = {
            "council": auth.context.council,
            "search": filters.validated_data.get("search", ""),
            "service_slug": filters.validated_data.get("service", ""),
            "include_leavers": filters.validated_data["include_leavers"],
        }
        staff: StaffMemberQuerySet
        if auth.role in STAFF_VIEWERS:
            staff = selectors.staff_list(**options)
        else:
            staff = selectors.staff_managed_by(manager=_own_record(auth), **options)
        return paginated_response(
            request=request, view=self, queryset=staff, serializer_class=StaffOutputSerializer
        )


class StaffDetailApi(APIView):
    allowed_roles = (*STAFF_VIEWERS, Role.LINE_MANAGER)

    @extend_schema(
        operation_id="staff_retrieve",
        summary="One staff record (a line manager's token reaches only their direct reports)",
        tags=["people"],
        responses={
            200: StaffOutputSerializer,
            **error_responses(forbidden=True, not_found=True),
        },
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        auth = token_auth(request)
        member = selectors.visible_staff_member(context=auth.context, public_id=public_id)
        return Response(StaffOutputSerializer(member).data)
