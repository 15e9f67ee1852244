"""Small, logic-free helpers for templates: dates in GOV.UK style and form fields as components."""

from __future__ import annotations

import datetime
import re

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


DEFAULT_BRAND_COLOUR = "#1d70b8"
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# WCAG 2.2 AA for normal-size text: the header, banners and inverse buttons put white text on it.
_MINIMUM_CONTRAST = 4.5


def brand_colour(value: str | None) -> str:
    """The council's brand colour if white text on it meets WCAG AA; Herald's default if not.

    The value goes into a <style> element, so anything but a plain #rrggbb is refused too.
    """
    if not value or not _HEX_COLOUR.fullmatch(value):
        return DEFAULT_BRAND_COLOUR
    if contrast_with_white(value) < _MINIMUM_CONTRAST:
        return DEFAULT_BRAND_COLOUR
    return value.lower()


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio between white and a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
