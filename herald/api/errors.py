"""Every API error is JSON with a stable ``code`` and a human ``message``; nothing else leaks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from herald.core.errors import DomainError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(
            {"code": exc.code, "message": exc.message}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "message": "The request has errors; see 'errors'.",
            "errors": response.data,
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        response.data = {
            "code": getattr(detail, "code", exc.default_code),
            "message": str(detail),
        }
    return response


def endpoint_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under the API that matches no endpoint (a malformed id, a typo) is a JSON 404."""
    return JsonResponse(
        {"code": "not_found", "message": "There is no API endpoint at this address."},
        status=status.HTTP_404_NOT_FOUND,
    )
