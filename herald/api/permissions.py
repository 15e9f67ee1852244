from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from herald.api.models import ApiToken


class HasCouncilToken(BasePermission):
    """A valid council token, and (if the view names roles) a token for one of them."""

    message = "A valid council token is needed."

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        allowed = getattr(view, "allowed_roles", None)
        return not allowed or token.role in allowed
