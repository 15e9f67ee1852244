from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from herald.api.auth import TokenAuth
from herald.councils.roles import Role


class HasCouncilToken(BasePermission):
    """A valid council token and, if the view names ``allowed_roles``, a token for one of them."""

    message = "A valid council token is needed."
    code = "not_authenticated"

    def has_permission(self, request: Request, view: Any) -> bool:
        auth = request.auth
        if not isinstance(auth, TokenAuth):
            return False
        allowed: tuple[Role, ...] = getattr(view, "allowed_roles", ())
        if allowed and auth.role not in allowed:
            # Instances are made per request, so setting the message here is safe.
            self.message = "A token for one of these roles is needed: " + ", ".join(
                role.label for role in allowed
            )
            self.code = "role_not_allowed"
            return False
        return True
