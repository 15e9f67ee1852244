"""The policy over the API: a proxy host pulls the helper's decision snapshot with an ICT token."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.schema import error_responses
from herald.network.enforcement import decision_snapshot
from herald.network.selectors import POLICY_EDITORS


class PolicySnapshotSerializer(serializers.Serializer[dict[str, Any]]):
    format = serializers.CharField(help_text="Always herald-network-policy/1.")
    council = serializers.SlugField()
    version = serializers.IntegerField(help_text="The policy version it was made from.")
    generated_at = serializers.DateTimeField()
    actions = serializers.DictField(
        child=serializers.CharField(), help_text="Category slug to action."
    )
    domains = serializers.DictField(
        child=serializers.CharField(), help_text="Domain (and its subdomains) to category slug."
    )
    users = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Proxy user name to the groups with exceptions it belongs to.",
    )
    addresses = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Client address to groups.",
    )
    exceptions = serializers.DictField(
        child=serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        help_text="Group to category slug to [action, last day it applies].",
    )

    class Meta:
        ref_name = "NetworkPolicySnapshot"


class PolicySnapshotApi(APIView):
    allowed_roles = POLICY_EDITORS

    @extend_schema(
        operation_id="network_policy_snapshot",
        summary="The current web access policy as the Squid helper's snapshot (policy.json)",
        tags=["network"],
        responses={200: PolicySnapshotSerializer, **error_responses(forbidden=True)},
    )
    def get(self, request: Request) -> Response:
        auth = token_auth(request)
        snapshot = decision_snapshot(council=auth.context.council)
        return Response(PolicySnapshotSerializer(snapshot).data)
