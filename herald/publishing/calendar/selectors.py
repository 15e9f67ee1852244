"""Reads for the calendar, always from inside one council. Query counts do not grow with the
number of posts: each read is one query for the posts plus one for their variants' accounts."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from herald.estate.models import SocialAccount
from herald.publishing.calendar import dates
from herald.publishing.models import Campaign, Post, PostVariant, PublishingSchedule, Recurrence

if TYPE_CHECKING:
    from herald.councils.models import Council

S = Post.Status
# What the calendar shows, and which of it is only tentative (not yet approved).
FIRM = frozenset(
    {
        S.APPROVED,
        S.SCHEDULED,
        S.HELD,
        S.NEEDS_RESCHEDULING,
        S.PUBLISHING,
        S.PUBLISHED,
        S.FAILED,
        S.UNCONFIRMED,
    }
)
TENTATIVE = frozenset({S.DRAFT, S.RETURNED, S.AWAITING_APPROVAL})
SHOWN = FIRM | TENTATIVE
# Posts that count towards an account's schedule: going out, or gone out.
COUNTED = frozenset({S.APPROVED, S.SCHEDULED, S.HELD, S.PUBLISHING, S.PUBLISHED, S.UNCONFIRMED})
# Posts that a closing account would strand (the estate's warning).
QUEUED = frozenset({S.APPROVED, S.SCHEDULED, S.HELD})
# Never in the way of anything.
GONE = frozenset({S.REJECTED, S.WITHDRAWN})


@dataclass(frozen=True)
class Filters:
    service: str = ""  # a service's slug
    account: str = ""  # an account's public id
    campaign: str = ""  # a campaign's public id

    @property
    def query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Entry:
    post: Post
    at: datetime.datetime  # local time: published_at once published, else scheduled_for
    variants: list[PostVariant]

    @property
    def tentative(self) -> bool:
        return self.post.status in TENTATIVE


@dataclass
class Day:
    day: datetime.date
    entries: list[Entry] = field(default_factory=list)


def moment_of(post: Post) -> datetime.datetime | None:
    if post.status == S.PUBLISHED and post.published_at:
        return post.published_at
    return post.scheduled_for


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def posts_between(
    *,
    council: Council,
    start: datetime.datetime,
    end: datetime.datetime,
    filters: Filters = Filters(),
    statuses: frozenset[str] = SHOWN,
) -> QuerySet[Post]:
    """Posts in ``statuses`` whose time falls in [start, end), with their campaign and each
    variant's account (and its delivery) loaded, filtered by service, account and campaign."""
    in_range = Q(scheduled_for__gte=start, scheduled_for__lt=end) | Q(
        published_at__gte=start, published_at__lt=end
    )
    posts = council.posts.filter(in_range, status__in=statuses)
    variant_filter = Q()
    if filters.service:
        variant_filter &= Q(account__service__slug=filters.service)
    if filters.account:
        account_id = _uuid(filters.account)
        variant_filter &= Q(account__public_id=account_id) if account_id else Q(pk__in=[])
    if variant_filter:
        posts = posts.filter(
            pk__in=PostVariant.objects.filter(variant_filter, post__council=council).values(
                "post_id"
            )
        )
    if filters.campaign:
        campaign_id = _uuid(filters.campaign)
        posts = posts.filter(campaign__public_id=campaign_id) if campaign_id else posts.none()
    variants = PostVariant.objects.select_related("account", "delivery").order_by(
        "account__name", "id"
    )
    if variant_filter:
        variants = variants.filter(variant_filter)
    return posts.select_related("campaign").prefetch_related(Prefetch("variants", variants))


def calendar_days(
    *,
    council: Council,
    first: datetime.date,
    last: datetime.date,
    filters: Filters = Filters(),
    every_day: bool = False,
) -> list[Day]:
    """The days from ``first`` to ``last`` (inclusive) with their posts, soonest first; days
    with nothing planned only if ``every_day``."""
    start, end = dates.start_of_day(first), dates.start_of_day(last + datetime.timedelta(days=1))
    by_day: dict[datetime.date, list[Entry]] = defaultdict(list)
    for post in posts_between(council=council, start=start, end=end, filters=filters):
        moment = moment_of(post)
        if moment is None or not start <= moment < end:
            continue
        when = dates.local(moment)
        by_day[when.date()].append(Entry(post=post, at=when, variants=list(post.variants.all())))
    days = []
    day = first
    while day <= last:
        if every_day or by_day.get(day):
            entries = sorted(by_day.get(day, []), key=lambda e: (e.at, e.post.pk))
            days.append(Day(day=day, entries=entries))
        day += datetime.timedelta(days=1)
    return days


# Campaigns


def campaigns(*, council: Council, archived: bool = False) -> QuerySet[Campaign]:
    found = council.campaigns.select_related("service").filter(archived_at__isnull=not archived)
    return found.order_by("-starts_on", "name", "id")


def campaign(*, council: Council, public_id: UUID | str) -> Campaign:
    try:
        return council.campaigns.select_related("service").get(public_id=public_id)
    except (Campaign.DoesNotExist, ValidationError) as error:
        raise Http404("No such campaign") from error


def campaign_posts(*, campaign: Campaign) -> QuerySet[Post]:
    variants = PostVariant.objects.select_related("account").order_by("account__name", "id")
    return (
        campaign.posts.exclude(status__in=GONE)
        .prefetch_related(Prefetch("variants", variants))
        .order_by("scheduled_for", "id")
    )


# Accounts and schedules


def council_accounts(*, council: Council) -> QuerySet[SocialAccount]:
    """Accounts a post could be planned for (not closed), corporate ones first."""
    return (
        council.social_accounts.exclude(status=SocialAccount.Status.CLOSED)
        .select_related("service")
        .order_by("kind", "name", "network", "id")
    )


def account(*, council: Council, public_id: UUID | str) -> SocialAccount:
    try:
        return council.social_accounts.select_related("service").get(public_id=public_id)
    except (SocialAccount.DoesNotExist, ValidationError) as error:
        raise Http404("No such account") from error


def schedules(*, council: Council) -> QuerySet[PublishingSchedule]:
    return (
        PublishingSchedule.objects.filter(account__council=council)
        .select_related("account", "account__service")
        .order_by("account__name", "account__network", "id")
    )


def schedule(*, council: Council, public_id: UUID | str) -> PublishingSchedule:
    try:
        return schedules(council=council).get(public_id=public_id)
    except (PublishingSchedule.DoesNotExist, ValidationError) as error:
        raise Http404("No such schedule") from error


# Recurring series


def recurrences(*, council: Council) -> QuerySet[Recurrence]:
    return (
        Recurrence.objects.filter(council=council)
        .select_related("created_by")
        .order_by("stopped_at", "-created_at", "id")
    )


def recurrence(*, council: Council, public_id: UUID | str) -> Recurrence:
    try:
        return recurrences(council=council).get(public_id=public_id)
    except (Recurrence.DoesNotExist, ValidationError) as error:
        raise Http404("No such series") from error


def post(*, council: Council, public_id: UUID | str) -> Post:
    try:
        return council.posts.select_related("campaign", "recurrence").get(public_id=public_id)
    except (Post.DoesNotExist, ValidationError) as error:
        raise Http404("No such post") from error


def series_original(series: Recurrence) -> Post | None:
    """The post the series repeats: its first (the one it was made from)."""
    return (
        series.posts.prefetch_related("variants__account", "variants__media__item")
        .order_by("scheduled_for", "id")
        .first()
    )


def series_originals(*, council: Council, series: list[Recurrence]) -> dict[int, Post]:
    """Each series' first post, in one query."""
    originals: dict[int, Post] = {}
    posts = council.posts.filter(recurrence__in=series).order_by("scheduled_for", "id")
    for found in posts.only("public_id", "title", "recurrence_id", "scheduled_for"):
        if found.recurrence_id is not None:
            originals.setdefault(found.recurrence_id, found)
    return originals
