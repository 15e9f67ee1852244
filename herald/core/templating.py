"""Small, logic-free helpers for templates: dates in GOV.UK style and form fields as components."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone


def date_filter(value: datetime.date | None, *, empty: str = "Not recorded") -> str:
    """'3 February 2026', the GOV.UK style for dates."""
    if value is None:
        return empty
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def datetime_filter(value: datetime.datetime | None, *, empty: str = "Not recorded") -> str:
    """'3 February 2026 at 2:05pm', the GOV.UK style for times."""
    if value is None:
        return empty
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def govuk_field(bound_field: Any) -> Any:
    """Render a bound form field as its GOV.UK component (see herald.core.forms)."""
    return bound_field.as_field_group()
