"""Each council's privacy settings for listening: the lawful basis, how long mentions are kept,
quiet hours for alert emails, and whether exports may name authors (never by default)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.listening.models import ListeningSettings

if TYPE_CHECKING:
    from herald.councils.models import Council

MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS = 1, 72
FIELDS = (
    "lawful_basis",
    "retention_months",
    "quiet_from",
    "quiet_until",
    "authors_in_exports",
    "authors_in_exports_reason",
)


class PrivacySettingsInvalid(DomainError):
    code = "privacy_settings_invalid"


def settings_for(council: Council) -> ListeningSettings:
    """The council's settings, with the defaults (13 months, public task) until someone saves."""
    found = ListeningSettings.objects.filter(council=council).first()
    return found if found is not None else ListeningSettings(council=council)


def _check(values: dict[str, Any]) -> None:
    if not str(values["lawful_basis"]).strip():
        raise PrivacySettingsInvalid("Enter the lawful basis", code="lawful_basis_required")
    months = values["retention_months"]
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        raise PrivacySettingsInvalid(
            f"Keep mentions for between {MIN_RETENTION_MONTHS} and {MAX_RETENTION_MONTHS} months",
            code="retention_out_of_range",
        )
    if (values["quiet_from"] is None) != (values["quiet_until"] is None):
        raise PrivacySettingsInvalid(
            "Enter both times of the quiet hours, or neither", code="quiet_hours_incomplete"
        )
    if values["authors_in_exports"] and not str(values["authors_in_exports_reason"]).strip():
        raise PrivacySettingsInvalid(
            "Enter why exports need authors' handles and names", code="authors_reason_required"
        )


def update_settings(
    *,
    council: Council,
    actor: Actor,
    lawful_basis: str,
    retention_months: int,
    quiet_from: datetime.time | None,
    quiet_until: datetime.time | None,
    authors_in_exports: bool,
    authors_in_exports_reason: str,
) -> ListeningSettings:
    """Save the council's privacy settings; a lawful basis is required and retention is bounded."""
    values: dict[str, Any] = {
        "lawful_basis": lawful_basis.strip(),
        "retention_months": retention_months,
        "quiet_from": quiet_from,
        "quiet_until": quiet_until,
        "authors_in_exports": authors_in_exports,
        "authors_in_exports_reason": authors_in_exports_reason.strip()
        if authors_in_exports
        else "",
    }
    _check(values)
    with transaction.atomic():
        current, _ = ListeningSettings.objects.select_for_update().get_or_create(council=council)
        before = {name: _plain(getattr(current, name)) for name in FIELDS}
        for name, value in values.items():
            setattr(current, name, value)
        current.save()
        after = {name: _plain(value) for name, value in values.items()}
        record(
            council=council,
            actor=actor,
            action="listening.privacy_settings_changed",
            summary="Changed listening's privacy settings",
            target=current,
            changes=diff(before, after),
        )
    return current


def _plain(value: object) -> object:
    return value.isoformat(timespec="minutes") if isinstance(value, datetime.time) else value


def in_quiet_hours(current: ListeningSettings, at: datetime.datetime) -> bool:
    """Whether ``at`` (any timezone) falls in the council's quiet hours, in UK local time."""
    if current.quiet_from is None or current.quiet_until is None:
        return False
    local = timezone.localtime(at).time()
    start, end = current.quiet_from, current.quiet_until
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # across midnight, e.g. 22:00 to 07:00
