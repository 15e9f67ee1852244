"""Recurring posts: dates (weekly, monthly, the 31st, summer time), drafts made ahead by the
periodic job, never twice and never in the past, and stopping a series."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.core.scheduling import registered_schedules
from herald.estate.testing import make_account
from herald.publishing.calendar import dates, recurrence
from herald.publishing.calendar.services import CalendarError
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Post, Recurrence

UTC = datetime.UTC


def _times(
    anchor: datetime.datetime, frequency: str, interval: int, ends: datetime.date
) -> list[str]:
    return [
        dates.local(t).strftime("%Y-%m-%d %H:%M")
        for t in recurrence.occurrence_times(
            anchor=anchor, frequency=frequency, interval=interval, ends_on=ends
        )
    ]


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months() -> None:
    anchor = dates.at(datetime.date(2027, 1, 31), datetime.time(9, 0))
    assert _times(anchor, "monthly", 1, datetime.date(2027, 5, 31)) == [
        "2027-02-28 09:00",
        "2027-03-31 09:00",
        "2027-04-30 09:00",
        "2027-05-31 09:00",
    ]
    leap = dates.at(datetime.date(2027, 12, 31), datetime.time(9, 0))
    assert _times(leap, "monthly", 2, datetime.date(2028, 4, 30)) == [
        "2028-02-29 09:00",
        "2028-04-30 09:00",
    ]


def test_weekly_keeps_the_uk_clock_time_across_the_change_to_summer_time() -> None:
    anchor = dates.at(datetime.date(2027, 3, 19), datetime.time(8, 0))  # a Friday, GMT
    times = list(
        recurrence.occurrence_times(
            anchor=anchor, frequency="weekly", interval=2, ends_on=datetime.date(2027, 4, 16)
        )
    )
    assert [dates.local(t).strftime("%Y-%m-%d %H:%M") for t in times] == [
        "2027-04-02 08:00",
        "2027-04-16 08:00",
    ]
    assert times[0].astimezone(UTC).hour == 7  # 08:00 British Summer Time


@pytest.mark.django_db
def test_the_job_drafts_four_weeks_ahead_once_and_stopping_withdraws_future_drafts(
    personas: Personas,
) -> None:
    service = personas.record_of(personas.officer).service
    assert service is not None
    account = make_account(council=personas.council, service=service)
    lead = personas.digital_lead.user
    start = datetime.datetime(2027, 3, 1, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        first = make_post(
            council=personas.council,
            author=lead,
            accounts=[account],
            at=datetime.datetime(2027, 3, 5, 9, tzinfo=UTC),
            status=Post.Status.APPROVED,
            title="Bin reminder",
        )
        series = recurrence.make_recurring(
            post=first,
            frequency=Recurrence.Frequency.WEEKLY,
            interval=1,
            ends_on=datetime.date(2027, 6, 30),
            actor=Actor(user=lead),
        )
        drafts = list(series.posts.exclude(pk=first.pk).order_by("scheduled_for"))
        # 12, 19 and 26 March: up to four weeks from 1 March.
        assert [d.scheduled_for.date().isoformat() for d in drafts] == [  # type: ignore[union-attr]
            "2027-03-12",
            "2027-03-19",
            "2027-03-26",
        ]
        # Approved or not, each occurrence starts as a draft and is approved on its own terms.
        assert {d.status for d in drafts} == {Post.Status.DRAFT}
        assert drafts[0].variants.get().text == first.variants.get().text
        assert drafts[0].status_changes.count() == 1
        assert drafts[0].revisions.count() == 1
        assert recurrence.generate_due() == 0  # nothing new: never twice
        traveller.move_to(datetime.datetime(2027, 3, 15, 12, tzinfo=UTC))
        assert recurrence.generate_due() == 2  # 2 and 9 April
        assert series.posts.count() == 6
        left = recurrence.stop_series(series=series, actor=Actor(user=lead))
        assert left == 0
        future = series.posts.filter(scheduled_for__gt=datetime.datetime.now(tz=UTC))
        assert {p.status for p in future} == {Post.Status.WITHDRAWN}
        assert series.posts.get(pk=drafts[0].pk).status == Post.Status.DRAFT  # 12 March: past
        # A future original is never withdrawn with its repeats.
        later = make_post(
            council=personas.council,
            author=lead,
            accounts=[account],
            at=datetime.datetime(2027, 5, 3, 9, tzinfo=UTC),
            status=Post.Status.DRAFT,
            title="Later",
        )
        monthly = recurrence.make_recurring(
            post=later,
            frequency=Recurrence.Frequency.MONTHLY,
            interval=1,
            ends_on=datetime.date(2027, 9, 30),
            actor=Actor(user=lead),
        )
        assert monthly.posts.count() == 1  # June is beyond four weeks from now
        recurrence.stop_series(series=monthly, actor=Actor(user=lead))
        later.refresh_from_db()
        assert later.status == Post.Status.DRAFT
        traveller.move_to(datetime.datetime(2027, 4, 20, 12, tzinfo=UTC))
        assert recurrence.generate_due() == 0
        with pytest.raises(CalendarError):
            recurrence.stop_series(series=series, actor=Actor(user=lead))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"publishing.recurrence_started", "publishing.recurrence_stopped"} <= actions


@pytest.mark.django_db
def test_a_series_needs_a_time_a_person_and_a_sensible_end(personas: Personas) -> None:
    service = personas.record_of(personas.officer).service
    assert service is not None
    account = make_account(council=personas.council, service=service)
    lead = personas.digital_lead.user
    untimed = make_post(council=personas.council, author=lead, accounts=[account], at=None)
    with pytest.raises(CalendarError, match="time"):
        recurrence.make_recurring(
            post=untimed,
            frequency="weekly",
            interval=1,
            ends_on=datetime.date(2030, 1, 1),
            actor=Actor(user=lead),
        )
    post = make_post(
        council=personas.council,
        author=lead,
        accounts=[account],
        at=datetime.datetime(2030, 1, 10, 9, tzinfo=UTC),
    )
    for frequency, interval, ends in [
        ("weekly", 1, datetime.date(2030, 1, 10)),
        ("daily", 1, datetime.date(2030, 3, 1)),
        ("monthly", 13, datetime.date(2030, 3, 1)),
        ("monthly", 1, datetime.date(2033, 1, 1)),
    ]:
        with pytest.raises(CalendarError):
            recurrence.make_recurring(
                post=post,
                frequency=frequency,
                interval=interval,
                ends_on=ends,
                actor=Actor(user=lead),
            )
    assert not Recurrence.objects.exists()


def test_the_job_is_registered_with_the_scheduler() -> None:
    schedule = registered_schedules()["publishing.generate_recurring_posts"]
    assert schedule.interval == datetime.timedelta(hours=1)
