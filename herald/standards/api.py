"""``POST /api/v1/standards/check``: the same checks as the check page and ``herald check_text``.

One text (``{"id"?, "text", "network"?, "account"?}``) or up to 500 (``{"items": [...]}``), under
the token's council's rule pack. Any role of the council may call it: checking changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herald.api.auth import token_auth
from herald.api.schema import error_responses
from herald.standards.checking import TextToCheck, check_texts, invalid_text_reason
from herald.standards.defaults import MAX_TEXT_BYTES, NETWORKS
from herald.standards.selectors import rule_pack_for
from herald.standards.types import Category, Finding, Severity

MAX_ITEMS = 500
TOO_LARGE = (
    f"The request is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes. "
    "Send fewer items at a time."
)
INVALID_TEXT = {
    "too_long": "Ensure this field has no more than 1 MB of text.",
    "invalid_unicode": "The text contains invalid Unicode (an unpaired surrogate).",
}


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "maxLength": 200}, {"type": "integer"}],
        "nullable": True,
        "description": "The caller's id for the text (a string or an integer), echoed back.",
    }
)
class ItemIdField(serializers.Field):  # type: ignore[type-arg]
    """The caller's own id, echoed back unchanged (as ``herald check_text`` does)."""

    default_error_messages = {"invalid": "Must be a string of up to 200 characters or an integer."}

    def to_internal_value(self, data: Any) -> str | int:
        if isinstance(data, bool) or not isinstance(data, str | int) or len(str(data)) > 200:
            self.fail("invalid")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


class StrictCharField(serializers.CharField):
    """A string and only a string: DRF would quietly turn ``12`` into ``"12"``."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CheckItemSerializer(serializers.Serializer[Any]):
    id = ItemIdField(required=False, allow_null=True)
    # Offsets in the findings are into the text exactly as sent, so nothing is trimmed.
    text = StrictCharField(allow_blank=True, trim_whitespace=False, max_length=MAX_TEXT_BYTES)
    network = serializers.ChoiceField(choices=list(NETWORKS), required=False, allow_null=True)
    account = StrictCharField(
        required=False, allow_null=True, allow_blank=True, max_length=100, help_text="A handle."
    )

    class Meta:
        ref_name = "StandardsCheckItem"

    def validate_text(self, value: str) -> str:
        if reason := invalid_text_reason(value):
            raise serializers.ValidationError(INVALID_TEXT[reason], code=reason)
        return value


class CheckBatchSerializer(serializers.Serializer[Any]):
    items = serializers.ListField(
        child=CheckItemSerializer(), allow_empty=False, min_length=1, max_length=MAX_ITEMS
    )

    class Meta:
        ref_name = "StandardsCheckBatch"


class FindingSerializer(serializers.Serializer[Finding]):
    rule = serializers.CharField(help_text="The rule's id, e.g. `personal_data.email`.")
    category = serializers.ChoiceField(choices=[c.value for c in Category])
    kind = serializers.CharField()
    severity = serializers.ChoiceField(choices=[s.value for s in Severity])
    start = serializers.IntegerField(help_text="Character offset into the text as sent.")
    end = serializers.IntegerField()
    message = serializers.CharField()
    guideline = serializers.CharField(allow_blank=True)
    suggestion = serializers.CharField(allow_blank=True)

    class Meta:
        ref_name = "StandardsFinding"


class CheckResultSerializer(serializers.Serializer[Any]):
    id = ItemIdField(allow_null=True)
    findings = FindingSerializer(many=True)

    class Meta:
        ref_name = "StandardsCheckResult"


class CheckBatchResultSerializer(serializers.Serializer[Any]):
    results = CheckResultSerializer(many=True)

    class Meta:
        ref_name = "StandardsCheckBatchResult"


CheckErrorSerializer = inline_serializer(
    name="StandardsCheckError",
    fields={
        "code": serializers.CharField(
            help_text="`missing_text`, `text_not_string`, `unknown_network`, `too_long`, "
            "`invalid_unicode`, `too_many_items`, `no_items`, `not_an_object`, "
            "`request_too_large` (the body is over the server's limit) or `invalid`."
        ),
        "message": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Messages for each field, e.g. `items[3].text` (absent if the body is "
            "not JSON).",
        ),
    },
)

# (field, DRF's code) -> the code the API answers with, shared with ``herald check_text``.
ERROR_CODES = {
    ("text", "required"): "missing_text",
    ("text", "null"): "text_not_string",
    ("text", "invalid"): "text_not_string",
    ("text", "max_length"): "too_long",
    ("text", "too_long"): "too_long",
    ("text", "invalid_unicode"): "invalid_unicode",
    ("network", "invalid_choice"): "unknown_network",
    ("items", "max_length"): "too_many_items",
    ("items", "empty"): "no_items",
    ("non_field_errors", "invalid"): "not_an_object",
}


def _flatten(detail: Any, path: str = "") -> Iterator[tuple[str, str, serializers.ErrorDetail]]:
    """``(path, field, error)`` for every error, with paths like ``items[3].text``."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            where = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"
            yield from _flatten(value, where if path else str(key))
    elif isinstance(detail, list) and all(isinstance(d, serializers.ErrorDetail) for d in detail):
        field = path.rsplit(".", 1)[-1].split("[", maxsplit=1)[0]
        yield from ((path, field, error) for error in detail)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            yield from _flatten(value, f"{path}[{index}]")


def _error_response(detail: Any) -> Response:
    errors: dict[str, list[str]] = {}
    first: tuple[str, serializers.ErrorDetail] | None = None
    for path, field, error in _flatten(detail):
        errors.setdefault(path, []).append(str(error))
        first = first or (field, error)
    code = ERROR_CODES.get((first[0], str(first[1].code)), "invalid") if first else "invalid"
    message = f"{next(iter(errors))}: {first[1]}" if first else "The request has errors."
    return Response(
        {"code": code, "message": message, "errors": errors}, status=status.HTTP_400_BAD_REQUEST
    )


def _result(item: dict[str, Any], findings: list[Finding]) -> dict[str, Any]:
    return {"id": item.get("id"), "findings": [finding.as_dict() for finding in findings]}


class _BodyRequired(AutoSchema):
    # drf-spectacular cannot tell that one of the two body forms is always needed.
    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        body: dict[str, Any] | None = super()._get_request_body(direction)  # type: ignore[no-untyped-call]
        if body is not None:
            body["required"] = True
        return body


class CheckApi(APIView):
    parser_classes = [JSONParser]
    schema = _BodyRequired()

    @extend_schema(
        operation_id="standards_check",
        summary="Check one text, or up to 500, against the council's standards",
        tags=["standards"],
        request=PolymorphicProxySerializer(
            component_name="StandardsCheck",
            serializers=[CheckItemSerializer, CheckBatchSerializer],
            resource_type_field_name=None,
        ),
        responses={
            200: PolymorphicProxySerializer(
                component_name="StandardsCheckResponse",
                serializers=[CheckResultSerializer, CheckBatchResultSerializer],
                resource_type_field_name=None,
            ),
            400: OpenApiResponse(
                response=CheckErrorSerializer,
                description="The body cannot be checked; `code` says why.",
                examples=[
                    OpenApiExample(
                        "missing_text",
                        value={
                            "code": "missing_text",
                            "message": "text: This field is required.",
                            "errors": {"text": ["This field is required."]},
                        },
                    )
                ],
            ),
            **error_responses(),
        },
    )
    def post(self, request: Request) -> Response:
        auth = token_auth(request)
        try:
            data = request.data
        except RequestDataTooBig:
            return Response(
                {"code": "request_too_large", "message": TOO_LARGE},
                status=status.HTTP_400_BAD_REQUEST,
            )
        parsed = _parse(data)
        if isinstance(parsed, Response):
            return parsed
        items, is_batch = parsed
        pack = rule_pack_for(council=auth.context.council)
        found = check_texts(
            [TextToCheck(i["text"], i.get("network"), i.get("account")) for i in items], pack=pack
        )
        results = [_result(item, findings) for item, findings in zip(items, found, strict=True)]
        return Response({"results": results} if is_batch else results[0])


def _parse(data: Any) -> tuple[list[dict[str, Any]], bool] | Response:
    """The items to check and whether the body was the batch form, or the error response.

    A body that is a valid single text is one, even if it also has an ``items`` key; otherwise
    a body with ``items`` is judged as a batch.
    """
    single = CheckItemSerializer(data=data)
    if single.is_valid():
        return [single.validated_data], False
    if not (isinstance(data, dict) and "items" in data):
        return _error_response(single.errors)
    batch = CheckBatchSerializer(data=data)
    if batch.is_valid():
        return list(batch.validated_data["items"]), True
    return _error_response(single.errors if "text" in data else batch.errors)
