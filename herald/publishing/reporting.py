"""Reads about publishing for the programme's figures: whether corporate accounts keep to their
publishing schedule (report ¶18, phase 2) and what consultation campaigns published (¶17)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from herald.publishing.models import Delivery, PublishingSchedule

if TYPE_CHECKING:
    from herald.councils.models import Council


@dataclass(frozen=True)
class ScheduleAdherence:
    account: str
    target_per_week: int
    published: int
    expected: int

    @property
    def met(self) -> bool:
        return self.published >= self.expected


def schedule_adherence(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> list[ScheduleAdherence]:
    """Each active schedule on a corporate account, with what the account published in
    [start, end) against its weekly target over the same span: two queries."""
    schedules = list(
        PublishingSchedule.objects.filter(
            account__council=council, account__kind="corporate", is_active=True
        ).select_related("account")
    )
    published = dict(
        Delivery.objects.filter(
            council=council,
            status=Delivery.Status.PUBLISHED,
            published_at__gte=start,
            published_at__lt=end,
            account__in=[schedule.account_id for schedule in schedules],
        )
        .values("account_id")
        .annotate(n=Count("pk"))
        .values_list("account_id", "n")
    )
    weeks = (end - start).total_seconds() / (7 * 86400)
    return [
        ScheduleAdherence(
            account=str(schedule.account),
            target_per_week=schedule.target_per_week,
            published=published.get(schedule.account_id, 0),
            expected=int(schedule.target_per_week * weeks),
        )
        for schedule in schedules
    ]


def published_by_month(
    *, council: Council, start: datetime.datetime, end: datetime.datetime
) -> dict[datetime.date, int]:
    """Deliveries published in [start, end), by month (in the council's time zone)."""
    rows = (
        Delivery.objects.filter(
            council=council,
            status=Delivery.Status.PUBLISHED,
            published_at__gte=start,
            published_at__lt=end,
        )
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return {_day(month): n for month, n in rows}


@dataclass(frozen=True)
class ConsultationActivity:
    campaign_id: int
    name: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    posts_published: int


def consultations(
    *, council: Council, start: datetime.date, end: datetime.date
) -> list[ConsultationActivity]:
    """Consultation campaigns running at any time in [start, end], with their published posts."""
    campaigns = (
        council.campaigns.filter(is_consultation=True)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=end))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .annotate(published=Count("posts", filter=Q(posts__status="published")))
        .order_by("starts_on", "name")
    )
    return [
        ConsultationActivity(
            campaign_id=c.pk,
            name=c.name,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            posts_published=c.published,
        )
        for c in campaigns
    ]


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
