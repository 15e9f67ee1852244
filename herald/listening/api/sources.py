"""Listening's sources over the API: status, polling and the capture gaps still open, so a
client knows where the council could not hear. Readers as on the sources page."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.pagination import Pagination, paginated_response
from herald.api.schema import error_responses
from herald.listening import selectors_sources as selectors
from herald.listening.models import CaptureGap, Source


class _OpenGapOut(serializers.Serializer[CaptureGap]):
    started_at = serializers.DateTimeField()
    reason = serializers.CharField()

    class Meta:
        ref_name = "ListeningOpenGap"


class SourceOut(serializers.Serializer[Source]):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    last_polled_at = serializers.DateTimeField(allow_null=True)
    next_poll_at = serializers.DateTimeField(allow_null=True)
    open_gaps = _OpenGapOut(
        many=True, source="open_capture_gaps", help_text="Oldest first; empty when hearing."
    )

    class Meta:
        ref_name = "ListeningSource"


class SourceListApi(APIView):
    allowed_roles = selectors.SOURCE_READERS
    pagination_class = Pagination

    @extend_schema(
        operation_id="listening_sources_list",
        summary="The council's listening sources with their open capture gaps",
        tags=["listening"],
        responses={
            200: SourceOut(many=True),
            **error_responses(
                invalid={"page_size": ["Ensure this value is less than or equal to 200."]},
                forbidden=True,
                not_found=True,
            ),
        },
    )
    def get(self, request: Request) -> Response:
        council = token_auth(request).context.council
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.sources_with_open_gaps(council),
            serializer_class=SourceOut,
        )
