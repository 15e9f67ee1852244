"""The register and its findings over the API: the same selectors and role rules as the pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.fields import QueryChoiceField
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import error_responses
from herald.councils.models import Service
from herald.estate import selectors
from herald.estate.models import Finding, SocialAccount
from herald.estate.networks import Network
from herald.estate.selectors import REGISTER_ROLES
from herald.people.models import StaffMember


class _ServiceSerializer(serializers.Serializer[Service]):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()
    slug = serializers.SlugField()

    class Meta:
        ref_name = "EstateService"


class _PersonSerializer(serializers.Serializer[StaffMember]):
    id = serializers.UUIDField(source="public_id")
    full_name = serializers.CharField()

    class Meta:
        ref_name = "EstatePerson"


class AccountOutputSerializer(serializers.Serializer[SocialAccount]):
    id = serializers.UUIDField(source="public_id")
    network = serializers.ChoiceField(choices=Network.choices)
    handle = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    purpose = serializers.CharField(allow_blank=True)
    audience = serializers.CharField(allow_blank=True)
    service = _ServiceSerializer()
    kind = serializers.ChoiceField(choices=SocialAccount.Kind.choices)
    owner = _PersonSerializer(allow_null=True)
    deputy = _PersonSerializer(allow_null=True)
    two_factor = serializers.ChoiceField(choices=SocialAccount.TwoFactor.choices)
    branding_complete = serializers.BooleanField()
    last_post_on = serializers.DateField(allow_null=True)
    followers = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=SocialAccount.Status.choices)
    review_due_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    open_findings = serializers.IntegerField(help_text="Open housekeeping findings.")

    class Meta:
        ref_name = "SocialAccount"


class FindingOutputSerializer(serializers.Serializer[Finding]):
    class AccountRefSerializer(serializers.Serializer[SocialAccount]):
        id = serializers.UUIDField(source="public_id")
        name = serializers.CharField()

        class Meta:
            ref_name = "FindingAccount"

    id = serializers.UUIDField(source="public_id")
    account = AccountRefSerializer()
    kind = serializers.ChoiceField(choices=Finding.Kind.choices)
    severity = serializers.ChoiceField(choices=Finding.Severity.choices)
    action = serializers.ChoiceField(choices=Finding.Action.choices)
    detail = serializers.CharField()
    assignee = _PersonSerializer(allow_null=True)
    due_on = serializers.DateField()
    found_at = serializers.DateTimeField(source="created_at")
    resolved_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "EstateFinding"


class AccountListApi(APIView):
    allowed_roles = REGISTER_ROLES
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        service = serializers.SlugField(required=False, max_length=80, help_text="Service slug.")
        network = QueryChoiceField(choices=Network.choices, required=False)
        status = QueryChoiceField(choices=SocialAccount.Status.choices, required=False)

    @extend_schema(
        operation_id="estate_accounts_list",
        summary="The register of social media accounts (an owner's token lists only their own)",
        tags=["estate"],
        parameters=[FilterSerializer],
        responses={
            200: AccountOutputSerializer(many=True),
            **error_responses(
                invalid={"network": ['"myspace" is not a valid choice.']},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        accounts = selectors.visible_accounts(
            context=auth.context,
            service_slug=filters.validated_data.get("service", ""),
            network=filters.validated_data.get("network", ""),
            status=filters.validated_data.get("status", ""),
        )
        return paginated_response(
            request=request, view=self, queryset=accounts, serializer_class=AccountOutputSerializer
        )


class AccountDetailApi(APIView):
    allowed_roles = REGISTER_ROLES

    @extend_schema(
        operation_id="estate_accounts_retrieve",
        summary="One account in the register",
        tags=["estate"],
        responses={200: AccountOutputSerializer, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        auth = token_auth(request)
        account = selectors.visible_account(context=auth.context, public_id=public_id)
        account.open_findings = account.findings.open().count()  # type: ignore[attr-defined]
        return Response(AccountOutputSerializer(account).data)


class FindingListApi(APIView):
    allowed_roles = REGISTER_ROLES
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer[Any]):
        kind = QueryChoiceField(choices=Finding.Kind.choices, required=False)
        service = serializers.SlugField(required=False, max_length=80, help_text="Service slug.")
        include_resolved = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="estate_findings_list",
        summary="Housekeeping findings (open ones unless asked for resolved too)",
        tags=["estate"],
        parameters=[FilterSerializer],
        responses={
            200: FindingOutputSerializer(many=True),
            **error_responses(
                invalid={"kind": ['"lost" is not a valid choice.']}, forbidden=True, not_found=True
            ),
        },
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = selectors.visible_findings(
            context=auth.context,
            kind=filters.validated_data.get("kind", ""),
            service_slug=filters.validated_data.get("service", ""),
            include_resolved=filters.validated_data["include_resolved"],
        )
        return paginated_response(
            request=request, view=self, queryset=found, serializer_class=FindingOutputSerializer
        )


class FindingDetailApi(APIView):
    allowed_roles = REGISTER_ROLES

    @extend_schema(
        operation_id="estate_findings_retrieve",
        summary="One housekeeping finding",
        tags=["estate"],
        responses={200: FindingOutputSerializer, **error_responses(forbidden=True, not_found=True)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        auth = token_auth(request)
        found = selectors.visible_finding(context=auth.context, public_id=public_id)
        return Response(FindingOutputSerializer(found).data)
