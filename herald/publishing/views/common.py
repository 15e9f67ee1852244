"""What every publishing page shares: who is acting, the holds banner, errors on the form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.councils.access import current_context
from herald.publishing.selectors import active_holds
from herald.publishing.services.errors import InvalidMedia, InvalidPost, NotReady

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest, HttpResponse

    from herald.core.errors import DomainError
    from herald.councils.context import CouncilContext
    from herald.councils.roles import Role


def actor_for(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put a refused rule on the field it is about (or the whole form) for the error summary."""
    field = error.field if isinstance(error, InvalidPost | InvalidMedia) else None
    if isinstance(error, NotReady) and error.problems:
        for problem in error.problems:
            form.add_error(None, problem)
        return
    form.add_error(field if field in form.fields else None, error.message)


def require(context: CouncilContext, *roles: Role) -> None:
    if not context.has_any(*roles):
        raise PermissionDenied


def page(request: HttpRequest, template: str, values: dict[str, Any]) -> HttpResponse:
    """Render a publishing page with the holds in force, for the banner every page shows."""
    context = current_context(request)
    values.setdefault("holds_in_force", active_holds(context.council))
    return render(request, template, values)
