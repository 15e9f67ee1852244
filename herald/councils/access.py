"""Role gates at the edge. Business rules stay in services; these only decide who reaches a page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from herald.councils.context import CouncilContext
from herald.councils.roles import Role

View = Callable[..., HttpResponse]


def current_context(request: HttpRequest) -> CouncilContext:
    context: CouncilContext | None = getattr(request, "council_context", None)
    if context is None:
        raise PermissionDenied
    return context


def council_required(*roles: Role) -> Callable[[View], View]:
    """Signed in, working in a council and, if roles are given, holding at least one of them."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            context: CouncilContext | None = getattr(request, "council_context", None)
            if context is None:
                return redirect("councils:choose")
            if roles and not context.has_any(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator
