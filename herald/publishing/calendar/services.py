"""Campaigns and publishing schedules: each change audited in the same transaction; the
falling-short report and the next free preferred slot for an account."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.publishing.calendar import dates
from herald.publishing.calendar.selectors import COUNTED, GONE, moment_of
from herald.publishing.models import Campaign, PostVariant, PublishingSchedule

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.estate.models import SocialAccount


class CalendarError(DomainError):
    code = "calendar_invalid"

    def __init__(self, message: str, *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.field = field
        if code:
            self.code = code


# Campaigns


class CampaignDetails(TypedDict):
    name: str
    description: str
    service: Service | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    is_consultation: bool


def _campaign_state(campaign: Campaign) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "description": campaign.description,
        "service": campaign.service.name if campaign.service else None,
        "starts_on": campaign.starts_on.isoformat() if campaign.starts_on else None,
        "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else None,
        "is_consultation": campaign.is_consultation,
    }


def _check_campaign(council: Council, details: CampaignDetails) -> None:
    starts, ends = details["starts_on"], details["ends_on"]
    if starts and ends and ends < starts:
        raise CalendarError("The end date must be on or after the start date", field="ends_on")
    service = details["service"]
    if service is not None and service.council_id != council.pk:
        raise CalendarError("Choose one of the council's services", field="service")


def _save_campaign(campaign: Campaign) -> None:
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as error:
        raise CalendarError(
            "There is already a campaign with that name", field="name", code="duplicate_campaign"
        ) from error


def create_campaign(*, council: Council, details: CampaignDetails, actor: Actor) -> Campaign:
    _check_campaign(council, details)
    with transaction.atomic():
        campaign = Campaign(council=council, **details)
        _save_campaign(campaign)
        record(
            council=council,
            actor=actor,
            action="publishing.campaign_created",
            summary=f"Created the campaign {campaign.name}",
            target=campaign,
            changes=diff({}, _campaign_state(campaign)),
        )
    return campaign


def update_campaign(*, campaign: Campaign, details: CampaignDetails, actor: Actor) -> Campaign:
    _check_campaign(campaign.council, details)
    before = _campaign_state(campaign)
    with transaction.atomic():
        for name, value in details.items():
            setattr(campaign, name, value)
        _save_campaign(campaign)
        changes = diff(before, _campaign_state(campaign))
        if changes:
            record(
                council=campaign.council,
                actor=actor,
                action="publishing.campaign_changed",
                summary=f"Changed the campaign {campaign.name}",
                target=campaign,
                changes=changes,
            )
    return campaign


def archive_campaign(*, campaign: Campaign, actor: Actor) -> Campaign:
    """Archived campaigns keep their posts; they are no longer offered for new ones."""
    with transaction.atomic():
        claimed = Campaign.objects.filter(pk=campaign.pk, archived_at__isnull=True).update(
            archived_at=timezone.now()
        )
        if not claimed:
            raise CalendarError("This campaign is already archived", code="already_archived")
        campaign.refresh_from_db(fields=["archived_at"])
        record(
            council=campaign.council,
            actor=actor,
            action="publishing.campaign_archived",
            summary=f"Archived the campaign {campaign.name}",
            target=campaign,
        )
    return campaign


def restore_campaign(*, campaign: Campaign, actor: Actor) -> Campaign:
    with transaction.atomic():
        claimed = Campaign.objects.filter(pk=campaign.pk, archived_at__isnull=False).update(
            archived_at=None
        )
        if not claimed:
            raise CalendarError("This campaign is not archived", code="not_archived")
        campaign.archived_at = None
        record(
            council=campaign.council,
            actor=actor,
            action="publishing.campaign_restored",
            summary=f"Restored the campaign {campaign.name}",
            target=campaign,
        )
    return campaign


# Publishing schedules

_SLOT = re.compile(r"^\s*([A-Za-z]+)\s+(\d{1,2})[:.](\d{2})\s*$")


@dataclass(frozen=True, order=True)
class Slot:
    weekday: int  # Monday 0
    time: datetime.time

    def as_json(self) -> dict[str, object]:
        return {"weekday": self.weekday, "time": self.time.strftime("%H:%M")}

    def __str__(self) -> str:
        return f"{dates.WEEKDAYS[self.weekday]} {self.time:%H:%M}"


def parse_slots(text: str) -> list[Slot]:
    """One slot a line, like "Tuesday 09:30"; raises CalendarError naming the bad line."""
    slots: set[Slot] = set()
    names = {name.lower(): n for n, name in enumerate(dates.WEEKDAYS)}
    names |= {name[:3].lower(): n for n, name in enumerate(dates.WEEKDAYS)}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SLOT.match(line)
        weekday = names.get(match.group(1).lower()) if match else None
        if match is None or weekday is None:
            raise CalendarError(
                f"Line {number} must be a day and a time, like Tuesday 09:30", field="slots"
            )
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            raise CalendarError(f"Line {number} must be a real time, like 09:30", field="slots")
        slots.add(Slot(weekday, datetime.time(hour, minute)))
    if len(slots) > 50:
        raise CalendarError("Enter 50 slots or fewer", field="slots")
    return sorted(slots)


def slots_of(schedule: PublishingSchedule) -> list[Slot]:
    found = []
    for raw in schedule.preferred_slots or []:
        try:
            hour, minute = (int(part) for part in str(raw["time"]).split(":"))
            found.append(Slot(int(raw["weekday"]) % 7, datetime.time(hour, minute)))
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(set(found))


def slots_text(schedule: PublishingSchedule) -> str:
    return "\n".join(str(slot) for slot in slots_of(schedule))


def _schedule_state(schedule: PublishingSchedule) -> dict[str, Any]:
    return {
        "target_per_week": schedule.target_per_week,
        "preferred_slots": [str(slot) for slot in slots_of(schedule)],
        "is_active": schedule.is_active,
    }


def _check_target(target: int) -> None:
    if not 1 <= target <= 100:
        raise CalendarError(
            "Target posts a week must be between 1 and 100", field="target_per_week"
        )


def set_schedule(
    *,
    account: SocialAccount,
    target_per_week: int,
    slots: list[Slot],
    is_active: bool = True,
    actor: Actor,
) -> PublishingSchedule:
    """Create or change ``account``'s publishing schedule."""
    _check_target(target_per_week)
    with transaction.atomic():
        schedule, created = PublishingSchedule.objects.select_for_update().get_or_create(
            account=account,
            defaults={"target_per_week": target_per_week, "preferred_slots": []},
        )
        before = {} if created else _schedule_state(schedule)
        schedule.target_per_week = target_per_week
        schedule.preferred_slots = [slot.as_json() for slot in slots]
        schedule.is_active = is_active
        schedule.save()
        changes = diff(before, _schedule_state(schedule))
        if changes:
            record(
                council=account.council,
                actor=actor,
                action="publishing.schedule_set" if created else "publishing.schedule_changed",
                summary=f"{'Set' if created else 'Changed'} the publishing schedule of {account}",
                target=schedule,
                changes=changes,
            )
    return schedule


def _taken_moments(
    account: SocialAccount, start: datetime.datetime, end: datetime.datetime
) -> list[datetime.datetime]:
    rows = (
        PostVariant.objects.filter(
            account=account, post__scheduled_for__gte=start, post__scheduled_for__lt=end
        )
        .exclude(post__status__in=GONE)
        .values_list("post__scheduled_for", flat=True)
    )
    return [moment for moment in rows if moment is not None]


SLOT_CLEARANCE = datetime.timedelta(minutes=30)


def next_free_slot(
    account: SocialAccount, after: datetime.datetime | None = None, *, weeks: int = 8
) -> datetime.datetime | None:
    """The first of ``account``'s preferred slots after ``after`` (default now) with no other
    post for the account within half an hour of it; None without an active schedule or slots,
    or if every slot in the next ``weeks`` weeks is taken. One query."""
    schedule = PublishingSchedule.objects.filter(account=account, is_active=True).first()
    slots = slots_of(schedule) if schedule else []
    if not slots:
        return None
    after = after or timezone.now()
    first_day = dates.local(after).date()
    end = dates.start_of_day(first_day + datetime.timedelta(weeks=weeks, days=1))
    taken = _taken_moments(account, after - SLOT_CLEARANCE, end + SLOT_CLEARANCE)
    for offset in range(weeks * 7 + 1):
        day = first_day + datetime.timedelta(days=offset)
        for slot in slots:
            if slot.weekday != day.weekday():
                continue
            moment = dates.at(day, slot.time)
            if moment <= after:
                continue
            if all(abs(moment - other) >= SLOT_CLEARANCE for other in taken):
                return moment
    return None


# The falling-short report


@dataclass(frozen=True)
class ShortfallRow:
    schedule: PublishingSchedule
    this_week: int
    past_weeks: list[int]  # the N full weeks before this one, most recent first
    next_slot: datetime.datetime | None

    @property
    def target(self) -> int:
        return self.schedule.target_per_week

    @property
    def average(self) -> float:
        return sum(self.past_weeks) / len(self.past_weeks) if self.past_weeks else 0.0

    @property
    def falling_short(self) -> bool:
        """Short this week (counting what is scheduled for the rest of it), or short on
        average over the weeks before."""
        return self.this_week < self.target or self.average < self.target


def falling_short_report(
    *, council: Council, weeks: int = 4, now: datetime.datetime | None = None
) -> list[ShortfallRow]:
    """For each account with an active schedule: posts going out or gone out this week (Monday
    to Sunday, the council's time) and in each of the ``weeks`` weeks before, against its target.
    Accounts falling short first. A fixed number of queries however many posts there are."""
    now = now or timezone.now()
    this_monday = dates.week_start(dates.local(now).date())
    first = this_monday - datetime.timedelta(weeks=weeks)
    start = dates.start_of_day(first)
    end = dates.start_of_day(this_monday + datetime.timedelta(weeks=1))
    found = list(
        PublishingSchedule.objects.filter(account__council=council, is_active=True)
        .select_related("account", "account__service")
        .order_by("account__name", "account__network", "id")
    )
    counts: dict[tuple[int, datetime.date], int] = {}
    variants = (
        PostVariant.objects.filter(
            account_id__in=[s.account_id for s in found], post__status__in=COUNTED
        )
        .filter(
            Q(post__scheduled_for__gte=start, post__scheduled_for__lt=end)
            | Q(post__published_at__gte=start, post__published_at__lt=end)
        )
        .select_related("post")
        .only("account_id", "post__status", "post__scheduled_for", "post__published_at")
    )
    for variant in variants:
        moment = moment_of(variant.post)
        if moment is None or not start <= moment < end:
            continue
        key = (variant.account_id, dates.week_start(dates.local(moment).date()))
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for schedule in found:
        past = [
            counts.get((schedule.account_id, this_monday - datetime.timedelta(weeks=n)), 0)
            for n in range(1, weeks + 1)
        ]
        rows.append(
            ShortfallRow(
                schedule=schedule,
                this_week=counts.get((schedule.account_id, this_monday), 0),
                past_weeks=past,
                next_slot=None,
            )
        )
    return sorted(rows, key=lambda row: (not row.falling_short, row.schedule.account.name))


def with_next_slots(rows: list[ShortfallRow], *, now: datetime.datetime) -> list[ShortfallRow]:
    """The falling-short rows with each account's next free preferred slot (one query each: for
    the report page, which lists the council's few scheduled accounts)."""
    return [
        ShortfallRow(
            schedule=row.schedule,
            this_week=row.this_week,
            past_weeks=row.past_weeks,
            next_slot=next_free_slot(row.schedule.account, now) if row.falling_short else None,
        )
        for row in rows
    ]
