"""The content calendar in real Chromium with axe: the digital team plans a campaign, sets a
schedule, reads the month and week views and the falling-short report, repeats a post, imports
a plan (first with a bad row) and an editor reads the calendar."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload

from conftest import Personas
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.publishing.calendar import dates
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Campaign, Post, PublishingSchedule, Recurrence
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digital_team_plans_the_calendar(journey: Journey, personas: Personas) -> None:
    service = personas.record_of(personas.officer).service
    assert service is not None
    account = make_account(
        council=personas.council, service=service, kind="corporate", handle="WessexCC"
    )
    lead = personas.digital_lead.user
    soon = timezone.now() + datetime.timedelta(days=2)
    make_post(council=personas.council, author=lead, accounts=[account], at=soon, title="Gritting")
    make_post(
        council=personas.council,
        author=lead,
        accounts=[account],
        at=soon + datetime.timedelta(hours=3),
        status=Post.Status.AWAITING_APPROVAL,
        title="Library week",
    )
    journey.sign_in(lead.username)
    _plan_a_campaign(journey)
    _set_a_schedule(journey, account)
    _read_the_views(journey, account, soon)
    _repeat_and_stop(journey, soon)
    _import_a_plan(journey, soon)

    # An editor reads the calendar and the report, and cannot change them.
    journey.sign_in(personas.editor.user.username)
    journey.visit("/publishing/calendar/", label="month view for an editor")
    assert "/publishing/calendar/" in journey.navigation_hrefs()
    journey.visit("/publishing/calendar/schedules/", label="report for an editor")
    journey.visit("/publishing/calendar/campaigns/new/", status=403, label="editor refused")
    journey.assert_clean()


def _plan_a_campaign(journey: Journey) -> None:
    """A campaign, with the error summary first."""
    page = journey.page
    journey.visit("/publishing/calendar/campaigns/", label="campaigns, none yet")
    page.get_by_role("button", name="Create a campaign").click()
    page.wait_for_load_state()
    journey.check("new campaign form")
    page.get_by_role("button", name="Create campaign").click()
    page.wait_for_load_state()
    journey.check("campaign form with errors")
    page.get_by_label("Name").fill("Budget consultation 2027/28")
    page.get_by_label("This is a consultation or engagement exercise").check()
    page.get_by_role("button", name="Create campaign").click()
    page.wait_for_load_state()
    journey.check("campaign page")
    assert Campaign.objects.get().is_consultation
    journey.visit("/publishing/calendar/campaigns/", label="campaigns")


def _set_a_schedule(journey: Journey, account: SocialAccount) -> None:
    """A publishing schedule, then the falling-short report."""
    page = journey.page
    journey.visit("/publishing/calendar/schedules/", label="schedules, none yet")
    page.get_by_role("button", name="Set an account's schedule").click()
    page.wait_for_load_state()
    page.get_by_label("Preferred times").fill("Someday 9am")
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_load_state()
    journey.check("schedule form with errors")
    page.get_by_label("Account", exact=True).select_option(str(account.public_id))
    page.get_by_label("Target posts a week").fill("5")
    page.get_by_label("Preferred times").fill("Monday 09:00\nThursday 12:30")
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_load_state()
    journey.check("falling-short report")
    assert PublishingSchedule.objects.get().target_per_week == 5
    assert page.get_by_text("Falling short").first.is_visible()


def _read_the_views(journey: Journey, account: SocialAccount, soon: datetime.datetime) -> None:
    """The month and week views, filtered and moved on."""
    page = journey.page
    journey.visit("/publishing/calendar/", label="month view")
    page.get_by_label("Account", exact=True).select_option(str(account.public_id))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    journey.check("month view filtered by account")
    monday = dates.week_start(dates.local(soon).date())
    journey.visit(f"/publishing/calendar/week/?week={monday}", label="week view")
    assert page.get_by_role("link", name="Library week", exact=True).is_visible()
    assert page.get_by_text("Awaiting approval (tentative)").is_visible()
    page.get_by_role("link", name="Next week").click()
    page.wait_for_load_state()
    journey.check("next week")


def _repeat_and_stop(journey: Journey, soon: datetime.datetime) -> None:
    """Repeat a post, then stop the series."""
    page = journey.page
    gritting = Post.objects.get(title="Gritting")
    journey.visit(f"/publishing/calendar/posts/{gritting.public_id}/repeat/", label="repeat form")
    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Repeat this post").click()
    page.wait_for_load_state()
    journey.check("repeat form with errors")
    end = dates.local(soon).date() + datetime.timedelta(weeks=6)
    page.get_by_label("Day", exact=True).fill(str(end.day))
    page.get_by_label("Month", exact=True).fill(str(end.month))
    page.get_by_label("Year", exact=True).fill(str(end.year))
    page.get_by_role("button", name="Repeat this post").click()
    page.wait_for_load_state()
    journey.check("recurring posts")
    series = Recurrence.objects.get()
    assert series.posts.count() >= 4
    page.get_by_role("link", name="Stop repeating Gritting").click()
    page.wait_for_load_state()
    journey.check("stop a series")
    page.get_by_role("button", name="Stop the series").click()
    page.wait_for_load_state()
    journey.check("series stopped")
    series.refresh_from_db()
    assert series.stopped_at is not None


def _import_a_plan(journey: Journey, soon: datetime.datetime) -> None:
    """Import: a bad file reports every row and creates nothing; a good one previews, then creates."""
    page = journey.page
    when = dates.local(soon + datetime.timedelta(days=1))
    good = f"{when:%Y-%m-%d},10:00,WessexCC,Bins,Check your bin day,,Budget consultation 2027/28"
    journey.visit("/publishing/calendar/import/", label="import page")
    before = Post.objects.count()
    page.get_by_label("Upload the CSV file").set_input_files(
        FilePayload(
            name="plan.csv",
            mimeType="text/csv",
            buffer=(
                f"date,time,account,title,text,link,campaign\n{good}\nsoon,,nobody,,,,\n"
            ).encode(),
        )
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    journey.check("import with problems")
    assert Post.objects.count() == before
    page.get_by_label("Upload the CSV file").set_input_files(
        FilePayload(
            name="plan.csv",
            mimeType="text/csv",
            buffer=f"date,time,account,title,text,link,campaign\n{good}\n".encode(),
        )
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    journey.check("import preview")
    page.get_by_role("button", name="Create the drafts").click()
    page.wait_for_load_state()
    journey.check("imported")
    assert Post.objects.filter(title="Bins", status=Post.Status.DRAFT).exists()
    journey.sign_out()
