"""What every programme page shares: who is acting, refused rules on the form, the period."""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpRequest
from django.utils import timezone

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import current_context
from herald.programme.periods import Period
from herald.programme.selectors import EDITORS


def actor_for(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def can_edit(request: HttpRequest) -> bool:
    return current_context(request).has_any(*EDITORS)


def show_error(form: forms.Form, error: DomainError) -> None:
    field = getattr(error, "field", "") or None
    form.add_error(field if field in form.fields else None, error.message)


def default_period(today: datetime.date | None = None) -> Period:
    """The last six whole months up to and including this one."""
    return Period.months_to(today or timezone.localdate(), 6)


def period_from_query(request: HttpRequest) -> Period:
    """?from=YYYY-MM-DD&to=YYYY-MM-DD, or the default six months when absent or unusable."""
    return checked_period(request)[0]


def checked_period(request: HttpRequest) -> tuple[Period, str]:
    """The period asked for, or the default with the reason the one asked for was not used."""
    if "from" not in request.GET and "to" not in request.GET:
        return default_period(), ""
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
        end = datetime.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        return default_period(), "Enter both dates like 2026-03-31. Showing the last six months."
    if end < start:
        return (
            default_period(),
            "The end must be on or after the start. Showing the last six months.",
        )
    if (end - start).days > 3 * 366:
        return default_period(), "A period can be at most three years. Showing the last six months."
    return Period(start=start, end=end), ""
