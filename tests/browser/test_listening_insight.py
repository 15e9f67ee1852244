"""Listening's insight pages in real Chromium with axe: a communications officer reads the
dashboard and the mentions, acknowledges the safeguarding alert, edits a rule (with errors first)
and the privacy settings (with errors first)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.listening.insight_demo import load_insight_demo
from herald.listening.models import Alert, CaptureGap
from herald.listening.presenters.insight import mention_path
from herald.listening.tests.insight.support import (
    make_mention,
    make_query,
    make_source,
    write_rollup,
)
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _stream(personas: Personas) -> str:
    council = personas.council
    source = make_source(council, name="Mastodon search")
    bins = make_query(council, "Bin collections")
    now = timezone.now()
    for back in range(1, 30):
        hour = now - datetime.timedelta(days=back)
        write_rollup(
            source,
            hour=hour,
            total=6 if back > 1 else 48,
            negative=2 if back > 1 else 40,
            positive=2,
        )
        write_rollup(source, hour=hour, total=3, negative=1, query=bins)
    CaptureGap.objects.create(
        source=source,
        started_at=now - datetime.timedelta(days=5),
        ended_at=now - datetime.timedelta(days=4),
        reason="Token lapsed",
    )
    make_mention(
        source,
        text="Bins missed <em>again</em> on Elm Road",
        posted_at=now,
        queries=(bins,),
        likes=12,
    )
    risky = make_mention(
        source,
        text="Worried about a child left alone at night",
        posted_at=now,
        safeguarding=True,
        safeguarding_reasons=["child at risk"],
    )
    load_insight_demo(council=council)
    return mention_path(risky)


def test_a_communications_officer_reads_listening_and_acts_on_alerts(
    journey: Journey, personas: Personas
) -> None:
    risky_path = _stream(personas)
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/listening/", label="dashboard")
    assert page.get_by_role("img", name="Mentions a day by sentiment").is_visible()
    journey.visit(
        "/listening/?sentiment=negative&start-day=31&start-month=2&start-year=2026",
        label="dashboard with a bad date",
    )
    journey.visit("/listening/mentions/", label="mentions")
    journey.visit("/listening/mentions/?flag=safeguarding", label="safeguarding mentions")
    journey.visit(risky_path, label="a mention")
    journey.visit("/listening/alerts/", label="alerts")
    assert page.get_by_text("High-risk mention").first.is_visible()
    alert = Alert.objects.get(rule__kind="high_risk")
    journey.visit(f"/listening/alerts/{alert.public_id}/", label="an alert")
    page.get_by_label("Note (optional)").fill("Passed to the safeguarding lead")
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    journey.check("alert acknowledged")
    alert.refresh_from_db()
    assert alert.status == "acknowledged"
    journey.visit("/listening/alerts/rules/", label="alert rules")
    journey.visit("/listening/alerts/rules/new/", label="new rule")
    page.get_by_label("Name").fill("Flooding")
    page.get_by_label("Window (minutes)").fill("45")
    page.get_by_role("button", name="Save the rule").click()
    page.wait_for_load_state()
    journey.check("new rule with errors")
    assert page.get_by_text("There is a problem").is_visible()
    journey.visit("/listening/privacy/", label="privacy")
    page.get_by_label("Keep mentions for (months)").fill("0")
    page.get_by_role("button", name="Save the privacy settings").click()
    page.wait_for_load_state()
    journey.check("privacy with an error")
    assert page.get_by_text("Keep mentions for between 1 and 72 months").first.is_visible()
    journey.sign_out()
    journey.assert_clean()
