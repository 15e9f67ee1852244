"""OpenAPI helpers: the bearer-token scheme and the error shapes every endpoint documents."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers


# drf-spectacular registers extensions in an untyped __init_subclass__.
class CouncilTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "herald.api.auth.CouncilTokenAuthentication"
    name = "councilToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A council API token (`hrld_…`), issued with `herald create_api_token`. "
                "The token fixes the council and the one role the caller acts in."
            ),
        }


class ErrorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Stable, machine-readable reason, e.g. `not_found`.")
    message = serializers.CharField(help_text="A sentence for people.")

    class Meta:
        ref_name = "Error"


# An inline serializer, because a declared field called ``errors`` would hide Serializer.errors.
ValidationErrorSerializer = inline_serializer(
    name="ValidationError",
    fields={
        "code": serializers.CharField(help_text="Always `invalid`."),
        "message": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Messages for each query parameter or field that was wrong.",
        ),
    },
)


def _error(description: str, code: str, message: str) -> OpenApiResponse:
    return OpenApiResponse(
        response=ErrorSerializer,
        description=description,
        examples=[OpenApiExample(code, value={"code": code, "message": message})],
    )


UNAUTHORISED = _error(
    "The token is missing, malformed, unknown or revoked, or its member no longer holds its role "
    "(codes: `not_authenticated`, `bad_authorization_header`, `invalid_token`, "
    "`token_role_not_held`).",
    "invalid_token",
    "The token is not valid.",
)
FORBIDDEN = _error(
    "The token's role may not use this endpoint (code: `role_not_allowed`).",
    "role_not_allowed",
    "A token for one of these roles is needed: HR, Council administrator",
)
NOT_FOUND = _error(
    "No such object in the token's council, or no such page (code: `not_found`). Another "
    "council's objects are reported as not found.",
    "not_found",
    "Not found.",
)


def _invalid(errors: dict[str, list[str]]) -> OpenApiResponse:
    return OpenApiResponse(
        response=ValidationErrorSerializer,
        description="A query parameter is not valid (code: `invalid`).",
        examples=[
            OpenApiExample(
                "invalid",
                value={
                    "code": "invalid",
                    "message": "The request has errors; see 'errors'.",
                    "errors": errors,
                },
            )
        ],
    )


def error_responses(
    *,
    forbidden: bool = False,
    not_found: bool = False,
    invalid: dict[str, list[str]] | None = None,
) -> dict[int, OpenApiResponse]:
    """The error responses an endpoint can give (``invalid`` is an example); all can give 401."""
    responses = {401: UNAUTHORISED}
    if invalid:
        responses[400] = _invalid(invalid)
    if forbidden:
        responses[403] = FORBIDDEN
    if not_found:
        responses[404] = NOT_FOUND
    return dict(sorted(responses.items()))
