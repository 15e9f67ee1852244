"""Pre-election periods: added, changed and ended, never deleted."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.councils.models import Council
from herald.standards import validation
from herald.standards.models import PreElectionPeriod
from herald.standards.services.common import PeriodAlreadyEnded, PollingBeforeNotice, pack_changed


def _period_state(period: PreElectionPeriod) -> dict[str, Any]:
    return {
        "name": period.name,
        "notice_on": period.notice_on.isoformat(),
        "polling_on": period.polling_on.isoformat(),
        "areas": list(period.areas),
        "ended_on": period.ended_on.isoformat() if period.ended_on else None,
    }


def _check_dates(notice_on: datetime.date, polling_on: datetime.date) -> None:
    if polling_on < notice_on:
        raise PollingBeforeNotice("Polling day must be the same as or after the notice of election")


@transaction.atomic
def create_election_period(
    *,
    council: Council,
    actor: Actor,
    name: str,
    notice_on: datetime.date,
    polling_on: datetime.date,
    areas: list[str],
) -> PreElectionPeriod:
    """A pre-election period, from the notice of election to polling day."""
    _check_dates(notice_on, polling_on)
    period = PreElectionPeriod.objects.create(
        council=council,
        name=name.strip(),
        notice_on=notice_on,
        polling_on=polling_on,
        areas=validation.clean_list(areas),
    )
    record(
        council=council,
        actor=actor,
        action="standards.election_period_created",
        summary=f"Pre-election period ‘{period.name}’ added",
        target=period,
        changes=diff({}, _period_state(period)),
    )
    pack_changed(council)
    return period


@transaction.atomic
def update_election_period(
    *,
    period: PreElectionPeriod,
    actor: Actor,
    name: str,
    notice_on: datetime.date,
    polling_on: datetime.date,
    areas: list[str],
) -> PreElectionPeriod:
    _check_dates(notice_on, polling_on)
    before = _period_state(period)
    period.name, period.notice_on, period.polling_on = name.strip(), notice_on, polling_on
    period.areas = validation.clean_list(areas)
    changes = diff(before, _period_state(period))
    if changes:
        period.save()
        record(
            council=period.council,
            actor=actor,
            action="standards.election_period_changed",
            summary=f"Pre-election period ‘{period.name}’ changed",
            target=period,
            changes=changes,
        )
        pack_changed(period.council)
    return period


@transaction.atomic
def end_election_period(
    *, period: PreElectionPeriod, actor: Actor, on: datetime.date | None = None
) -> PreElectionPeriod:
    """Stop a period restricting posts from ``on`` (today), e.g. when an election is countermanded."""
    if period.ended_on is not None:
        raise PeriodAlreadyEnded(f"‘{period.name}’ has already been ended")
    before = _period_state(period)
    period.ended_on = on or timezone.localdate()
    period.save(update_fields=["ended_on", "updated_at"])
    record(
        council=period.council,
        actor=actor,
        action="standards.election_period_ended",
        summary=f"Pre-election period ‘{period.name}’ ended",
        target=period,
        changes=diff(before, _period_state(period)),
    )
    pack_changed(period.council)
    return period
