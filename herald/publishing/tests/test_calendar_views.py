"""The calendar's pages: month and week views (filters, time zone, query counts), campaigns,
schedules, recurring series and CSV import, with error summaries and another council's 404s."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.publishing.calendar import dates, services
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Campaign, Post, PublishingSchedule

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 10, 12, 0, tzinfo=datetime.UTC)  # a Wednesday


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _accounts(personas: Personas, n: int = 2) -> list[SocialAccount]:
    service = personas.record_of(personas.officer).service
    assert service is not None
    return [make_account(council=personas.council, service=service) for _ in range(n)]


def test_the_month_shows_posts_by_day_in_uk_time_with_tentative_ones_marked(
    personas: Personas,
) -> None:
    accounts = _accounts(personas)
    author = personas.digital_lead.user
    # 23:30 UTC on 30 March is 00:30 on 31 March in London (summer time began on the 28th).
    make_post(
        council=personas.council,
        author=author,
        accounts=accounts,
        at=datetime.datetime(2027, 3, 30, 23, 30, tzinfo=datetime.UTC),
        title="Late night gritting",
    )
    make_post(
        council=personas.council,
        author=author,
        accounts=accounts[:1],
        at=datetime.datetime(2027, 3, 12, 9, 0, tzinfo=datetime.UTC),
        status=Post.Status.AWAITING_APPROVAL,
        title="Library opening",
    )
    make_post(
        council=personas.council,
        author=author,
        accounts=accounts[:1],
        at=datetime.datetime(2027, 3, 13, 9, 0, tzinfo=datetime.UTC),
        status=Post.Status.WITHDRAWN,
        title="Never mind",
    )
    client = personas.client_for(personas.editor)
    page = client.get("/publishing/calendar/?month=2027-03").content.decode()
    assert "Wednesday 31 March" in page
    assert "00:30" in page
    assert "Late night gritting" in page
    assert "Awaiting approval (tentative)" in page
    assert "Never mind" not in page
    april = client.get("/publishing/calendar/?month=2027-04").content.decode()
    assert "Late night gritting" not in april


def test_filters_by_account_service_and_campaign(personas: Personas) -> None:
    first, second = _accounts(personas)
    campaign = services.create_campaign(
        council=personas.council,
        details={
            "name": "Spring clean",
            "description": "",
            "service": None,
            "starts_on": None,
            "ends_on": None,
            "is_consultation": False,
        },
        actor=SYSTEM,
    )
    at = datetime.datetime(2027, 3, 11, 10, tzinfo=datetime.UTC)
    author = personas.digital_lead.user
    make_post(council=personas.council, author=author, accounts=[first], at=at, title="One")
    make_post(
        council=personas.council,
        author=author,
        accounts=[second],
        at=at,
        title="Two",
        campaign=campaign,
    )
    client = personas.client_for(personas.approver)
    by_account = client.get(f"/publishing/calendar/week/?account={first.public_id}").content
    assert b"One" in by_account
    assert b">Two<" not in by_account
    by_campaign = client.get(f"/publishing/calendar/week/?campaign={campaign.public_id}").content
    assert b">Two<" in by_campaign
    assert b">One<" not in by_campaign
    by_service = client.get("/publishing/calendar/week/?service=nothing-here").content
    assert b">One<" not in by_service
    assert b"Nothing planned." in by_service
    nonsense = client.get("/publishing/calendar/week/?account=not-a-uuid&week=bad")
    assert nonsense.status_code == 200


def test_the_week_has_every_day_and_moves_by_a_week(personas: Personas) -> None:
    client = personas.client_for(personas.officer)
    page = client.get("/publishing/calendar/week/?week=2027-03-10").content.decode()
    for day in ("Monday 8 March", "Sunday 14 March"):
        assert day in page
    assert page.count("Nothing planned.") == 7
    assert "week=2027-03-01" in page
    assert "week=2027-03-15" in page


def _count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_number_of_posts(personas: Personas) -> None:
    accounts = _accounts(personas, 3)
    author = personas.digital_lead.user
    client = personas.client_for(personas.digital_lead)

    def add(n: int) -> None:
        for i in range(n):
            make_post(
                council=personas.council,
                author=author,
                accounts=accounts[: 1 + i % 3],
                at=NOW + datetime.timedelta(hours=i),
                title=f"Post {i}",
            )

    add(2)
    client.get("/publishing/calendar/")  # the session and the council's context, once
    few_month = _count_queries(client, "/publishing/calendar/?month=2027-03")
    few_week = _count_queries(client, "/publishing/calendar/week/")
    few_csv = _count_queries(client, "/publishing/calendar/export.csv?from=2027-03-01")
    add(30)
    assert _count_queries(client, "/publishing/calendar/?month=2027-03") == few_month
    assert _count_queries(client, "/publishing/calendar/week/") == few_week
    assert _count_queries(client, "/publishing/calendar/export.csv?from=2027-03-01") == few_csv


def _campaign_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Budget consultation",
        "description": "Tell us",
        "service": "",
        "starts_on-day": "1",
        "starts_on-month": "4",
        "starts_on-year": "2027",
        "ends_on-day": "30",
        "ends_on-month": "4",
        "ends_on-year": "2027",
        "is_consultation": "on",
    }
    return data | overrides


def test_the_digital_team_creates_changes_and_archives_a_campaign(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post("/publishing/calendar/campaigns/new/", _campaign_form())
    assert response.status_code == 302
    campaign = Campaign.objects.get(council=personas.council)
    assert campaign.is_consultation
    assert campaign.ends_on == datetime.date(2027, 4, 30)
    url = f"/publishing/calendar/campaigns/{campaign.public_id}/"
    assert b"Budget consultation" in client.get(url).content
    client.post(f"{url}edit/", _campaign_form(name="Budget consultation 2027/28"))
    campaign.refresh_from_db()
    assert campaign.name == "Budget consultation 2027/28"
    assert client.post(f"{url}archive/").status_code == 302
    campaign.refresh_from_db()
    assert campaign.archived_at is not None
    assert b"Restore the campaign" in client.get(url).content
    listed = client.get("/publishing/calendar/campaigns/").content
    assert b"Budget consultation 2027/28" not in listed
    assert (
        b"Budget consultation 2027/28"
        in client.get("/publishing/calendar/campaigns/?archived=1").content
    )
    actions = set(
        AuditEvent.objects.filter(council=personas.council).values_list("action", flat=True)
    )
    assert {
        "publishing.campaign_created",
        "publishing.campaign_changed",
        "publishing.campaign_archived",
    } <= actions


def test_bad_campaign_input_gets_the_error_summary_and_changes_nothing(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.admin)
    response = client.post(
        "/publishing/calendar/campaigns/new/",
        _campaign_form(name="", **{"ends_on-day": "31", "ends_on-month": "2"}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the name of the campaign" in page
    assert "End date must be a real date" in page
    backwards = client.post(
        "/publishing/calendar/campaigns/new/",
        _campaign_form(**{"ends_on-day": "1", "ends_on-month": "3"}),
    )
    assert "The end date must be on or after the start date" in backwards.content.decode()
    assert not Campaign.objects.exists()


def test_another_councils_objects_are_404(personas: Personas) -> None:
    theirs = services.create_campaign(
        council=personas.other_council,
        details={
            "name": "Theirs",
            "description": "",
            "service": None,
            "starts_on": None,
            "ends_on": None,
            "is_consultation": False,
        },
        actor=SYSTEM,
    )
    client = personas.client_for(personas.digital_lead)
    url = f"/publishing/calendar/campaigns/{theirs.public_id}/"
    assert client.get(url).status_code == 404
    assert client.get(f"{url}edit/").status_code == 404
    assert client.post(f"{url}archive/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.archived_at is None


def test_schedules_are_set_with_slots_and_bad_slots_are_refused(personas: Personas) -> None:
    (account,) = _accounts(personas, 1)
    client = personas.client_for(personas.digital_lead)
    bad = client.post(
        "/publishing/calendar/schedules/new/",
        {"account": str(account.public_id), "target_per_week": "3", "slots": "Funday 9:00"},
    )
    assert "Line 1 must be a day and a time" in bad.content.decode()
    assert not PublishingSchedule.objects.exists()
    good = client.post(
        "/publishing/calendar/schedules/new/",
        {
            "account": str(account.public_id),
            "target_per_week": "3",
            "slots": "Tuesday 09:30\nthu 14.00",
            "is_active": "on",
        },
    )
    assert good.status_code == 302
    schedule = PublishingSchedule.objects.get()
    assert schedule.preferred_slots == [
        {"weekday": 1, "time": "09:30"},
        {"weekday": 3, "time": "14:00"},
    ]
    page = client.get("/publishing/calendar/schedules/").content.decode()
    assert "Falling short" in page
    # The next free slot after Wednesday noon is Thursday 14:00 UK time.
    assert "11 March 2027, 14:00" in page
    client.post(
        f"/publishing/calendar/schedules/{schedule.public_id}/",
        {"target_per_week": "1", "slots": "", "is_active": "on"},
    )
    schedule.refresh_from_db()
    assert schedule.target_per_week == 1
    assert schedule.preferred_slots == []


def _csv(*rows: str) -> io.BytesIO:
    upload = io.BytesIO(("date,time,account,title,text,link,campaign\n" + "\n".join(rows)).encode())
    upload.name = "plan.csv"
    return upload


def test_import_previews_then_creates_drafts_and_bad_rows_create_nothing(
    personas: Personas,
) -> None:
    (account,) = _accounts(personas, 1)
    client = personas.client_for(personas.digital_lead)
    bad = client.post(
        "/publishing/calendar/import/",
        {"file": _csv(f"2027-03-20,09:00,{account.handle},Hello,Text,,", "2027-02-30,9,nobody,,,")},
    )
    page = bad.content.decode()
    assert "There is a problem" in page
    assert "Enter the date as YYYY-MM-DD" in page
    assert "No open account" in page
    assert not Post.objects.exists()
    preview = client.post(
        "/publishing/calendar/import/",
        {"file": _csv(f"2027-03-20,09:00,{account.handle},Hello,Text,https://example.org,")},
    )
    html = preview.content.decode()
    assert "Check the import" in html
    assert not Post.objects.exists()
    content = re.search(r'name="content" value="([^"]+)"', html)
    assert content is not None
    done = client.post(
        "/publishing/calendar/import/", {"content": content.group(1), "file_name": "plan.csv"}
    )
    assert done.status_code == 302
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert post.author == personas.digital_lead.user
    assert dates.local(post.scheduled_for).hour == 9  # type: ignore[arg-type]
    # Confirming twice (a double click, the back button) creates nothing the second time.
    stale = client.post(
        "/publishing/calendar/import/",
        {"content": content.group(1), "file_name": "plan.csv"},
    )
    assert stale.status_code == 200
    assert "nothing has been imported" in stale.content.decode()
    assert Post.objects.count() == 1


def test_planners_get_a_repeat_link_and_readers_do_not(personas: Personas) -> None:
    (account,) = _accounts(personas, 1)
    post = make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=[account],
        at=NOW + datetime.timedelta(days=1),
        title="Repeatable",
    )
    link = f"/publishing/calendar/posts/{post.public_id}/repeat/"
    assert (
        link
        in personas.client_for(personas.admin).get("/publishing/calendar/week/").content.decode()
    )
    assert (
        link
        not in personas.client_for(personas.editor)
        .get("/publishing/calendar/week/")
        .content.decode()
    )
