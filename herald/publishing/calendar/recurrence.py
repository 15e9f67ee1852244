"""Recurring posts: a post repeated weekly or monthly (every N) until an end date.

Each occurrence is its own Post, a copy of the series' first post (title, category, campaign and
every account's variant with its media and alt text), created ahead by a periodic job (the next
``AHEAD``), at the same wall-clock time in the council's zone. A series on the 31st falls on the
last day of shorter months.

Occurrences are created as DRAFTS, always, even when the first post was approved: an approval is
for one post at one time, and the accounts' approval rules apply to each occurrence like any other
post (the author, or the digital team, submits it). Nothing here bypasses approval. Stopping a
series withdraws its future occurrences that are still drafts; any already submitted or approved
are left for people to decide (the page says how many).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.transitions import move_status
from herald.estate.models import SocialAccount
from herald.publishing.calendar import dates
from herald.publishing.calendar.drafts import MediaUse, VariantDraft, create_calendar_draft
from herald.publishing.calendar.selectors import GONE, series_original
from herald.publishing.calendar.services import CalendarError
from herald.publishing.models import Post, PostStatusChange, Recurrence
from herald.publishing.workflow import can_move_post

if TYPE_CHECKING:
    pass

AHEAD = datetime.timedelta(weeks=4)
MAX_SPAN = datetime.timedelta(days=2 * 366)


def occurrence_times(
    *,
    anchor: datetime.datetime,
    frequency: str,
    interval: int,
    ends_on: datetime.date,
) -> Iterator[datetime.datetime]:
    """Every occurrence after the first (``anchor``), in order, up to and including ``ends_on``."""
    first = dates.local(anchor)
    n = 1
    while True:
        if frequency == Recurrence.Frequency.WEEKLY:
            day = first.date() + datetime.timedelta(weeks=interval * n)
        else:
            day = dates.add_months(first.date(), interval * n, keep_day=first.day)
        if day > ends_on:
            return
        yield dates.at(day, first.time().replace(tzinfo=None))
        n += 1


def make_recurring(
    *, post: Post, frequency: str, interval: int, ends_on: datetime.date, actor: Actor
) -> Recurrence:
    """Repeat ``post`` every ``interval`` weeks or months until ``ends_on``; the post becomes the
    series' first occurrence. The next few occurrences are drafted at once."""
    # The series belongs to a person: the one starting it, or (when Herald itself starts one, as
    # the demo does) the post's author.
    owner = actor.user or post.author
    if owner is None:
        raise CalendarError("A person starts a series", code="no_author")
    if post.scheduled_for is None:
        raise CalendarError("Give the post a time before repeating it", code="no_time")
    if post.recurrence_id is not None:
        raise CalendarError("This post already repeats", code="already_recurring")
    if post.status in GONE:
        raise CalendarError("A rejected or withdrawn post cannot repeat", code="post_gone")
    if frequency not in Recurrence.Frequency.values:
        raise CalendarError("Choose weekly or monthly", field="frequency")
    if not 1 <= interval <= 12:
        raise CalendarError("Repeat every 1 to 12 weeks or months", field="interval")
    first_day = dates.local(post.scheduled_for).date()
    if ends_on <= first_day:
        raise CalendarError("The end date must be after the post's own date", field="ends_on")
    if ends_on - first_day > MAX_SPAN:
        raise CalendarError("A series can run for two years at most", field="ends_on")
    with transaction.atomic():
        series = Recurrence.objects.create(
            council=post.council,
            frequency=frequency,
            interval=interval,
            ends_on=ends_on,
            created_by=owner,
            generated_until=post.scheduled_for,
        )
        Post.objects.filter(pk=post.pk).update(recurrence=series)
        post.recurrence = series
        record(
            council=post.council,
            actor=actor,
            action="publishing.recurrence_started",
            summary=f"{post.title} repeats {describe(series).lower()}",
            target=series,
            changes={"post": [None, str(post.public_id)]},
        )
    generate_for(series=series)
    return series


def describe(series: Recurrence) -> str:
    unit = "week" if series.frequency == Recurrence.Frequency.WEEKLY else "month"
    every = f"Every {unit}" if series.interval == 1 else f"Every {series.interval} {unit}s"
    return f"{every} until {series.ends_on:%-d %B %Y}"


def generate_for(*, series: Recurrence, now: datetime.datetime | None = None) -> list[Post]:
    """Draft the series' occurrences due within ``AHEAD`` that are not drafted yet (never one
    in the past, never one twice: the series row is locked while it works)."""
    now = now or timezone.now()
    horizon = now + AHEAD
    created: list[Post] = []
    with transaction.atomic():
        locked = Recurrence.objects.select_for_update().get(pk=series.pk)
        if locked.stopped_at is not None:
            return []
        original = series_original(locked)
        if original is None or original.scheduled_for is None:
            return []
        done_until = locked.generated_until or original.scheduled_for
        existing = set(locked.posts.values_list("scheduled_for", flat=True))
        variants = [
            VariantDraft(
                account=v.account,
                text=v.text,
                link=v.link,
                first_comment=v.first_comment,
                video_title=v.video_title,
                media=tuple(MediaUse(item=m.item, alt_text=m.alt_text) for m in v.media.all()),
            )
            for v in original.variants.all()
            if v.account.status != SocialAccount.Status.CLOSED
        ]
        for moment in occurrence_times(
            anchor=original.scheduled_for,
            frequency=locked.frequency,
            interval=locked.interval,
            ends_on=locked.ends_on,
        ):
            if moment > horizon:
                break
            if moment <= done_until or moment <= now or moment in existing or not variants:
                continue
            created.append(
                create_calendar_draft(
                    council=locked.council,
                    author=locked.created_by,
                    title=original.title,
                    scheduled_for=moment,
                    variants=variants,
                    campaign=original.campaign,
                    category=original.category,
                    recurrence=locked,
                    actor=Actor(user=None, label="Herald (recurring series)"),
                )
            )
        Recurrence.objects.filter(pk=locked.pk).update(generated_until=max(horizon, done_until))
    series.generated_until = max(horizon, done_until)
    return created


def generate_due(*, now: datetime.datetime | None = None) -> int:
    """Every running series in every council: draft what falls due within ``AHEAD``."""
    now = now or timezone.now()
    running = Recurrence.objects.filter(
        stopped_at__isnull=True, ends_on__gte=dates.local(now).date()
    ).order_by("id")
    return sum(len(generate_for(series=series, now=now)) for series in running)


def stop_series(*, series: Recurrence, actor: Actor, now: datetime.datetime | None = None) -> int:
    """Stop the series and withdraw its future repeats that are still drafts (never the post it
    was made from); returns how many future repeats are left because they were already
    submitted or approved."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Recurrence.objects.filter(pk=series.pk, stopped_at__isnull=True).update(
            stopped_at=now
        )
        if not claimed:
            raise CalendarError("This series has already stopped", code="already_stopped")
        series.stopped_at = now
        original = series_original(series)
        repeats = series.posts.filter(scheduled_for__gt=now).exclude(status__in=GONE)
        if original is not None:
            repeats = repeats.exclude(pk=original.pk)
        future = list(repeats)
        left = 0
        for post in future:
            if post.status == Post.Status.DRAFT and can_move_post(
                post.status, Post.Status.WITHDRAWN
            ):
                move_status(
                    obj=post,
                    to_status=Post.Status.WITHDRAWN,
                    history=PostStatusChange,
                    actor_user=actor.user,
                    actor_label=actor.display,
                    note="Its recurring series was stopped",
                )
                record(
                    council=series.council,
                    actor=actor,
                    action="publishing.post_withdrawn",
                    summary=f"Withdrew {post.title}: its recurring series was stopped",
                    target=post,
                )
            else:
                left += 1
        record(
            council=series.council,
            actor=actor,
            action="publishing.recurrence_stopped",
            summary=f"Stopped a recurring series ({describe(series).lower()})",
            target=series,
            changes={"withdrawn": len(future) - left, "left": left},
        )
    return left
