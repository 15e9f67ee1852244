"""Publishing schedules: slots, the next free slot, the falling-short report (with a query count
that does not grow with posts), and the estate's warning about queued posts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.estate.models import SocialAccount
from herald.estate.scheduled import scheduled_posts
from herald.estate.testing import make_account
from herald.publishing.calendar import dates, services
from herald.publishing.calendar.services import CalendarError, Slot
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Post

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2027, 3, 10, 12, tzinfo=UTC)  # Wednesday, GMT


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _account(personas: Personas, **details: Any) -> SocialAccount:
    service = personas.record_of(personas.officer).service
    assert service is not None
    return make_account(council=personas.council, service=service, **details)


def test_slots_parse_one_a_line_and_refuse_nonsense() -> None:
    assert services.parse_slots("Monday 9:00\n\nmon 09:00\nSunday 23.59") == [
        Slot(0, datetime.time(9, 0)),
        Slot(6, datetime.time(23, 59)),
    ]
    for bad in ("Monday", "Noday 09:00", "Friday 24:00", "Friday 10:75"):
        with pytest.raises(CalendarError):
            services.parse_slots(bad)


def test_next_free_slot_skips_taken_slots_and_the_past(personas: Personas) -> None:
    account = _account(personas)
    assert services.next_free_slot(account, NOW) is None  # no schedule yet
    services.set_schedule(
        account=account,
        target_per_week=2,
        slots=services.parse_slots("Wednesday 09:00\nWednesday 15:00\nFriday 10:00"),
        actor=SYSTEM,
    )
    first = services.next_free_slot(account, NOW)
    assert first == datetime.datetime(2027, 3, 10, 15, tzinfo=UTC)
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=[account],
        at=datetime.datetime(2027, 3, 10, 15, 10, tzinfo=UTC),
    )
    assert services.next_free_slot(account, NOW) == datetime.datetime(2027, 3, 12, 10, tzinfo=UTC)
    # A withdrawn post does not take a slot.
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=[account],
        at=datetime.datetime(2027, 3, 12, 10, tzinfo=UTC),
        status=Post.Status.WITHDRAWN,
    )
    assert services.next_free_slot(account, NOW) == datetime.datetime(2027, 3, 12, 10, tzinfo=UTC)
    # In summer time the slot is still 10:00 UK time.
    summer = services.next_free_slot(account, datetime.datetime(2027, 6, 1, tzinfo=UTC))
    # 1 June 2027 is a Tuesday: Wednesday 09:00 British Summer Time is 08:00 UTC.
    assert summer == datetime.datetime(2027, 6, 2, 8, tzinfo=UTC)
    assert summer is not None
    assert dates.local(summer).hour == 9


def test_the_falling_short_report_counts_this_week_and_the_weeks_before(
    personas: Personas,
) -> None:
    busy, quiet = _account(personas, kind="corporate"), _account(personas, kind="corporate")
    author = personas.digital_lead.user
    for account in (busy, quiet):
        services.set_schedule(account=account, target_per_week=2, slots=[], actor=SYSTEM)

    def post(account, when: datetime.datetime, status: str = Post.Status.PUBLISHED) -> None:  # type: ignore[no-untyped-def]
        make_post(
            council=personas.council, author=author, accounts=[account], at=when, status=status
        )

    monday = datetime.datetime(2027, 3, 8, 9, tzinfo=UTC)
    post(busy, monday)
    post(busy, monday + datetime.timedelta(days=4), Post.Status.SCHEDULED)  # later this week
    post(busy, monday + datetime.timedelta(days=5), Post.Status.DRAFT)  # drafts do not count
    for week in range(1, 5):
        post(busy, monday - datetime.timedelta(weeks=week))
        post(busy, monday - datetime.timedelta(weeks=week, days=-1))
    post(quiet, monday - datetime.timedelta(weeks=1))
    post(quiet, monday + datetime.timedelta(days=1), Post.Status.WITHDRAWN)

    rows = services.falling_short_report(council=personas.council, weeks=4, now=NOW)
    by_account = {row.schedule.account_id: row for row in rows}
    assert by_account[busy.pk].this_week == 2
    assert by_account[busy.pk].past_weeks == [2, 2, 2, 2]
    assert not by_account[busy.pk].falling_short
    assert by_account[quiet.pk].this_week == 0
    assert by_account[quiet.pk].past_weeks == [1, 0, 0, 0]
    assert by_account[quiet.pk].falling_short
    assert rows[0].schedule.account_id == quiet.pk  # falling short first

    # Twenty more posts do not add a query.
    with CaptureQueriesContext(connection) as before:
        services.falling_short_report(council=personas.council, now=NOW)
    for n in range(20):
        post(quiet, monday - datetime.timedelta(hours=n + 1))
    with CaptureQueriesContext(connection) as after:
        services.falling_short_report(council=personas.council, now=NOW)
    assert len(after) == len(before)


def test_schedule_changes_are_audited_and_targets_checked(personas: Personas) -> None:
    account = _account(personas)
    with pytest.raises(CalendarError):
        services.set_schedule(account=account, target_per_week=0, slots=[], actor=SYSTEM)
    schedule = services.set_schedule(account=account, target_per_week=3, slots=[], actor=SYSTEM)
    services.set_schedule(account=account, target_per_week=4, slots=[], actor=SYSTEM)
    services.set_schedule(account=account, target_per_week=4, slots=[], actor=SYSTEM)  # no change
    events = AuditEvent.objects.filter(target_id=str(schedule.public_id)).order_by("id")
    assert [e.action for e in events] == ["publishing.schedule_set", "publishing.schedule_changed"]
    assert events[1].changes["target_per_week"] == [3, 4]


def test_closing_an_account_is_warned_about_its_queued_posts(personas: Personas) -> None:
    account, other = _account(personas), _account(personas)
    author = personas.digital_lead.user
    soon = NOW + datetime.timedelta(days=2)
    for status in (Post.Status.SCHEDULED, Post.Status.HELD, Post.Status.APPROVED):
        make_post(
            council=personas.council,
            author=author,
            accounts=[account],
            at=soon,
            status=status,
            title=f"Queued {status}",
        )
    make_post(
        council=personas.council,
        author=author,
        accounts=[account],
        at=soon,
        status=Post.Status.DRAFT,
        title="A draft",
    )
    make_post(
        council=personas.council,
        author=author,
        accounts=[account],
        at=NOW - datetime.timedelta(days=1),
        title="Past",
    )
    make_post(council=personas.council, author=author, accounts=[other], at=soon, title="Other")
    found = scheduled_posts(account)
    assert sorted(p.summary.split(" (")[0] for p in found) == [
        "Queued approved",
        "Queued held",
        "Queued scheduled",
    ]
    assert scheduled_posts(other)[0].scheduled_for == soon
    # The estate's closure page shows them.
    client = personas.client_for(personas.digital_lead)
    page = client.get(f"/estate/{account.public_id}/close/").content.decode()
    assert "Queued held" in page
