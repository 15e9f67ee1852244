"""What every network page shares: who is acting, and refused rules shown on the form."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import current_context

FIELDS = {
    "reason_required": "reason",
    "invalid_domain": "domain",
    "duplicate_domain": "domain",
    "duplicate_group": "name",
    "name_required": "name",
    "expiry_past": "expires_on",
    "expiry_too_far": "expires_on",
    "case_required": "case_reference",
    "days_out_of_range": "days",
}


def actor_for(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def show_error(form: forms.Form, error: DomainError) -> None:
    field = FIELDS.get(error.code)
    if error.code == "reason_required" and "business_reason" in form.fields:
        field = "business_reason"
    form.add_error(field if field in form.fields else None, error.message)


def head(*labels: str, numeric: tuple[int, ...] = ()) -> list[dict[str, str]]:
    return [
        {"text": label, **({"format": "numeric"} if index in numeric else {})}
        for index, label in enumerate(labels)
    ]


def cell(value: object, *, numeric: bool = False, html: str = "") -> dict[str, object]:
    out: dict[str, object] = {"text": value}
    if numeric:
        out["format"] = "numeric"
    if html:
        out["html"] = html
    return out


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
