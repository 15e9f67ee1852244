"""The council's inbox settings: office hours and bank holidays, response targets, where each
router label goes, who receives escalations, and how long records are kept."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from herald.audit.services import Actor, record
from herald.inbox.models import InboxSettings, ResponseTarget, ServiceRoute
from herald.inbox.services.common import InvalidTriage, settings_for

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council, Service, Team

MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS = 6, 120


@dataclass(frozen=True)
class SettingsInput:
    office_hours: dict[str, list[str] | None]
    bank_holidays: str
    retention_months: int
    safeguarding_lead: User | None
    foi_team: Team | None
    complaints_team: Team | None
    out_of_hours_message: str = ""


def _check(council: Council, data: SettingsInput) -> None:
    if data.bank_holidays not in InboxSettings.BankHolidays.values:
        raise InvalidTriage("Choose the nation whose bank holidays apply.", field="bank_holidays")
    if not MIN_RETENTION_MONTHS <= data.retention_months <= MAX_RETENTION_MONTHS:
        raise InvalidTriage(
            f"Keep records for between {MIN_RETENTION_MONTHS} and {MAX_RETENTION_MONTHS} months.",
            field="retention_months",
        )
    for team, name in ((data.foi_team, "foi_team"), (data.complaints_team, "complaints_team")):
        if team is not None and team.council_id != council.pk:
            raise InvalidTriage("Choose one of the council's teams.", field=name)
    lead = data.safeguarding_lead
    if lead is not None and not council.memberships.filter(user=lead, is_active=True).exists():
        raise InvalidTriage("Choose someone who works for the council.", field="safeguarding_lead")
    if not any(data.office_hours.values()):
        raise InvalidTriage("The office must be open on at least one day.", field="office_hours")
    for hours in data.office_hours.values():
        if hours and _minutes(hours[1]) <= _minutes(hours[0]):
            raise InvalidTriage("Closing time must be after opening time.", field="office_hours")


def _minutes(clock: str) -> int:
    parsed = datetime.time.fromisoformat(clock)
    return parsed.hour * 60 + parsed.minute


def update_settings(*, council: Council, data: SettingsInput, actor: Actor) -> InboxSettings:
    """Save the council's inbox settings (checked first: nothing changes on a refusal)."""
    _check(council, data)
    current = settings_for(council)
    with transaction.atomic():
        for name, value in asdict(data).items():
            setattr(current, name, getattr(data, name) if hasattr(value, "pk") else value)
        current.save()
        record(
            council=council,
            actor=actor,
            action="inbox.settings_updated",
            summary="Inbox settings saved",
            target=current,
            changes={
                "bank_holidays": data.bank_holidays,
                "retention_months": data.retention_months,
                "office_hours": data.office_hours,
            },
        )
    return current


def set_target(
    *,
    council: Council,
    service: Service | None,
    first_response_hours: int,
    resolution_hours: int,
    actor: Actor,
) -> ResponseTarget:
    """The council's default target (no service) or one service's; new conversations use it."""
    if service is not None and service.council_id != council.pk:
        raise InvalidTriage("Choose one of the council's services.", field="service")
    if first_response_hours < 1 or resolution_hours < first_response_hours:
        raise InvalidTriage(
            "The first response needs at least an hour, and resolution no less than that.",
            field="resolution_hours",
        )
    with transaction.atomic():
        target, _ = ResponseTarget.objects.update_or_create(
            council=council,
            service=service,
            defaults={
                "first_response_hours": first_response_hours,
                "resolution_hours": resolution_hours,
            },
        )
        record(
            council=council,
            actor=actor,
            action="inbox.target_set",
            summary=f"Response target for {service or 'the council'}: {target}",
            target=target,
        )
    return target


def set_route(
    *, council: Council, service_label: str, service: Service, team: Team | None, actor: Actor
) -> ServiceRoute:
    """Where conversations with this router label go."""
    label = service_label.strip().lower()
    if not label:
        raise InvalidTriage("Enter the router's label.", field="service_label")
    if service.council_id != council.pk or (team is not None and team.council_id != council.pk):
        raise InvalidTriage("Choose one of the council's services and teams.", field="service")
    with transaction.atomic():
        route, _ = ServiceRoute.objects.update_or_create(
            council=council, service_label=label, defaults={"service": service, "team": team}
        )
        record(
            council=council,
            actor=actor,
            action="inbox.route_set",
            summary=f"Label '{label}' goes to {service}" + (f" ({team})" if team else ""),
            target=route,
        )
    return route
