"""What every estate page shares: who is acting, and domain errors shown on the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import current_context
from herald.councils.context import CouncilContext
from herald.estate import selectors
from herald.estate.errors import InvalidAddress


def actor_for(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put a refused rule on the field it is about (or the whole form) for the error summary."""
    field = error.field if isinstance(error, InvalidAddress) else None
    field = {"duplicate_account": "handle", "holders_not_trained": "owner"}.get(error.code, field)
    form.add_error(field if field in form.fields else None, error.message)


def require_manager(context: CouncilContext) -> None:
    if not selectors.manages_estate(context):
        raise PermissionDenied
