"""What every insight page shares: who may see and change what, who is acting, and the filters."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import current_context
from herald.listening.insight.mentions import period_of
from herald.listening.insight.roles import MANAGERS

ERROR_FIELDS = {
    "name_required": "name",
    "query_invalid": "query",
    "window_invalid": "window_minutes",
    "baseline_invalid": "baseline_days",
    "minimum_invalid": "minimum_count",
    "threshold_invalid": "threshold",
    "email_to_invalid": "email_to",
    "escalate_to_invalid": "escalate_to",
    "escalate_to_required": "escalate_to",
    "escalate_after_required": "escalate_after_minutes",
    "lawful_basis_required": "lawful_basis",
    "retention_out_of_range": "retention_months",
    "quiet_hours_incomplete": "quiet_until",
    "authors_reason_required": "authors_in_exports_reason",
}


def actor_for(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


def can_manage(request: HttpRequest) -> bool:
    return current_context(request).has_any(*MANAGERS)


def show_error(form: forms.Form, error: DomainError) -> None:
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error.message)


def period(form: forms.Form) -> tuple[datetime.date, datetime.date]:
    """The form's dates, or the last 30 days; a bad form falls back to the default period."""
    data = cleaned(form)
    return period_of(data.get("start"), data.get("end"))


def cleaned(form: forms.Form) -> dict[str, Any]:
    """What the filter form could make sense of: a bad date is shown as an error, and the other
    filters still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return dict(getattr(form, "cleaned_data", {}))


def kept_query(request: HttpRequest) -> dict[str, str]:
    """The filters in the address, to carry into pagination and export links."""
    return {key: str(value) for key, value in request.GET.items() if key != "page" and value}


def csv_response(lines: Iterable[str], filename: str) -> HttpResponse:
    """A CSV streamed a line at a time (an export may hold many thousand mentions). Typed as an
    HttpResponse because the role gates wrap views returning one; Django serves both alike."""
    response = StreamingHttpResponse(lines, content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return cast("HttpResponse", response)
