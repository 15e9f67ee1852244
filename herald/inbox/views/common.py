"""What every inbox page shares: who is acting, looking up the council's own objects by public
id (anything else is a 404), and refused rules shown on the form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http import Http404, HttpRequest

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.councils.access import current_context
from herald.inbox import selectors
from herald.inbox.models import Conversation

if TYPE_CHECKING:
    from uuid import UUID

    from herald.accounts.models import User
    from herald.core.errors import DomainError
    from herald.councils.models import Council, Service, Team


def actor_for(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


def council_of(request: HttpRequest) -> Council:
    return current_context(request).council


def conversation_or_404(request: HttpRequest, public_id: UUID) -> Conversation:
    try:
        return selectors.conversation(council=council_of(request), public_id=public_id)
    except Conversation.DoesNotExist as missing:
        raise Http404 from missing


def service_of(council: Council, public_id: str) -> Service | None:
    return council.services.filter(public_id=public_id).first() if public_id else None


def team_of(council: Council, public_id: str) -> Team | None:
    return council.teams.filter(public_id=public_id).first() if public_id else None


def person_of(council: Council, public_id: str) -> User | None:
    if not public_id:
        return None
    found = council.memberships.filter(user__public_id=public_id).select_related("user").first()
    return found.user if found is not None else None


def show_error(form: forms.Form, error: DomainError) -> None:
    field: Any = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error.message)
