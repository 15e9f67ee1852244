"""Role × page matrix for the content calendar, written out by hand, with the other council's
outsider (an administrator there).

Everyone who publishes (the digital team, administrators, account owners, editors, approvers)
reads the whole council's calendar, campaigns, schedules and series; only the digital team and
administrators change them or import plans. Another council's object is a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM, Actor
from herald.estate.testing import make_account
from herald.publishing.calendar import recurrence, services
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Campaign

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    campaign: str
    schedule: str
    series: str
    post: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    service = personas.record_of(personas.officer).service
    assert service is not None
    account = make_account(council=personas.council, service=service, kind="corporate")
    campaign = services.create_campaign(
        council=personas.council,
        details={
            "name": "Spring clean",
            "description": "",
            "service": service,
            "starts_on": None,
            "ends_on": None,
            "is_consultation": False,
        },
        actor=SYSTEM,
    )
    schedule = services.set_schedule(
        account=account, target_per_week=3, slots=services.parse_slots("Monday 09:00"), actor=SYSTEM
    )
    lead = personas.digital_lead.user
    soon = timezone.now() + datetime.timedelta(days=3)
    first = make_post(council=personas.council, author=lead, accounts=[account], at=soon)
    series = recurrence.make_recurring(
        post=first,
        frequency="weekly",
        interval=1,
        ends_on=(soon + datetime.timedelta(weeks=8)).date(),
        actor=Actor(user=lead),
    )
    other = make_post(
        council=personas.council,
        author=lead,
        accounts=[account],
        at=soon + datetime.timedelta(hours=2),
        campaign=campaign,
    )
    return Objects(
        str(campaign.public_id),
        str(schedule.public_id),
        str(series.public_id),
        str(other.public_id),
    )


PAGES = [
    "/publishing/calendar/",
    "/publishing/calendar/week/",
    "/publishing/calendar/export.csv",
    "/publishing/calendar/import/",
    "/publishing/calendar/campaigns/",
    "/publishing/calendar/campaigns/new/",
    "/publishing/calendar/campaigns/{campaign}/",
    "/publishing/calendar/campaigns/{campaign}/edit/",
    "/publishing/calendar/schedules/",
    "/publishing/calendar/schedules/new/",
    "/publishing/calendar/schedules/{schedule}/",
    "/publishing/calendar/recurring/",
    "/publishing/calendar/recurring/{series}/stop/",
    "/publishing/calendar/posts/{post}/repeat/",
]

_PLANNER = [OK] * 14
_READER = [OK, OK, OK, NO, OK, NO, OK, NO, OK, NO, NO, OK, NO, NO]
_NOBODY = [NO] * 14
MATRIX = {
    "digital_lead": _PLANNER,
    "admin": _PLANNER,
    "officer": _READER,
    "editor": _READER,
    "approver": _READER,
    "ict": _NOBODY,
    "hr": _NOBODY,
    "line_manager": _NOBODY,
    "staff": _NOBODY,
    "ambassador": _NOBODY,
    "committee": _NOBODY,
    # An administrator of the other council: their own (empty) calendar, none of our objects.
    "outsider": [OK, OK, OK, OK, OK, OK, GONE, GONE, OK, OK, GONE, OK, GONE, GONE],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_calendar_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("officer", NO), ("editor", NO), ("outsider", GONE), ("admin", 302)],
)
def test_only_planners_of_this_council_archive_a_campaign(
    personas: Personas, objects: Objects, persona: str, expected: int
) -> None:
    client = personas.client_for(getattr(personas, persona))
    response = client.post(f"/publishing/calendar/campaigns/{objects.campaign}/archive/")
    assert response.status_code == expected
    archived = Campaign.objects.get(public_id=objects.campaign).archived_at is not None
    assert archived == (expected == 302)


def test_the_outsider_sees_none_of_our_posts(personas: Personas, objects: Objects) -> None:
    today = timezone.localdate()
    url = f"/publishing/calendar/export.csv?from={today}&to={today + datetime.timedelta(days=30)}"
    ours = personas.client_for(personas.editor).get(url).content.decode()
    theirs = personas.client_for(personas.outsider).get(url).content.decode()
    assert ours.strip().count("\n") >= 2  # the header and our posts
    assert theirs.strip().count("\n") == 0  # the header row only


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
