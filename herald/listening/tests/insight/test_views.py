"""The insight pages over HTTP: figures, filters, escaping, exports, forms with errors, and
another council's objects answered with a 404."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.listening.alerting import evaluate_for_mentions
from herald.listening.insight.mentions import mention_key
from herald.listening.models import Alert, AlertRule
from herald.listening.presenters.insight import mention_path
from herald.listening.tests.insight.support import (
    allow_authors,
    make_mention,
    make_query,
    make_source,
    write_rollup,
)

pytestmark = pytest.mark.django_db


def _content(response: Any) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return str(response.content.decode())


def test_the_dashboard_counts_from_rollups_with_a_table_for_each_chart(personas: Personas) -> None:
    source = make_source(personas.council, name="Wessex news")
    bins = make_query(personas.council, "Bin collections")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    write_rollup(source, hour=yesterday, total=17, negative=9, positive=3)
    write_rollup(source, hour=yesterday, total=12, negative=9, query=bins)
    write_rollup(make_source(personas.other_council), hour=yesterday, total=500)
    client = personas.client_for(personas.digital_lead)
    page = client.get("/listening/").content.decode()
    assert "Mentions a day by sentiment" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">17</td>' in page
    assert "Bin collections" in page
    assert "Wessex news" in page
    assert "500" not in page  # the other council's volume
    negative = client.get("/listening/?sentiment=negative").content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">9</td>' in negative


def test_a_bad_date_on_the_dashboard_is_an_error_not_a_crash(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    page = client.get("/listening/?start-day=31&start-month=2&start-year=2026")
    assert page.status_code == 200
    assert "From must be a real date" in page.content.decode()


def test_the_dashboard_csv_has_a_row_a_day_and_is_audited(personas: Personas) -> None:
    source = make_source(personas.council)
    write_rollup(source, hour=timezone.now(), total=4, negative=1)
    response = personas.client_for(personas.digital_lead).get("/listening/dashboard.csv")
    lines = _content(response).splitlines()
    assert lines[0] == "day,mentions,positive,neutral,negative,net_sentiment"
    assert len(lines) == 31
    assert AuditEvent.objects.filter(action="listening.exported").exists()


def test_mentions_filter_and_escape_html(personas: Personas) -> None:
    source = make_source(personas.council)
    now = timezone.now()
    make_mention(source, text="<script>alert('x')</script> bins", posted_at=now)
    make_mention(
        source,
        text="Lovely library",
        posted_at=now,
        sentiment="positive",
        service_label="libraries",
    )
    client = personas.client_for(personas.officer)
    page = client.get("/listening/mentions/").content.decode()
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    only = client.get("/listening/mentions/?sentiment=positive").content.decode()
    assert "Lovely library" in only
    assert "bins" not in only


def test_a_mention_shows_its_enrichment_versions_queries_and_duplicates(personas: Personas) -> None:
    source = make_source(personas.council)
    bins = make_query(personas.council, "Bin collections")
    now = timezone.now()
    mention = make_mention(source, text="Bins <b>missed</b>", posted_at=now, queries=(bins,))
    repost = make_mention(source, text="Bins <b>missed</b>", posted_at=now, is_repost=True)
    page = personas.client_for(personas.digital_lead).get(mention_path(mention)).content.decode()
    assert "vader-3.3.2+herald-1" in page
    assert "Bin collections" in page
    assert mention_path(repost) in page
    assert "&lt;b&gt;missed" in page
    assert "@resident" not in page  # authors minimised by default


def test_another_councils_mention_is_a_404(personas: Personas) -> None:
    theirs = make_mention(make_source(personas.other_council), posted_at=timezone.now())
    client = personas.client_for(personas.digital_lead)
    assert client.get(mention_path(theirs)).status_code == 404
    assert client.get(f"/listening/mentions/mastodon/{mention_key(theirs)}!/").status_code == 404


def test_the_mentions_csv_minimises_authors_unless_the_council_says_why(personas: Personas) -> None:
    make_mention(make_source(personas.council), text="=HYPERLINK(1)", posted_at=timezone.now())
    client = personas.client_for(personas.digital_lead)
    minimised = _content(client.get("/listening/mentions.csv"))
    assert "author" not in minimised.splitlines()[0]
    assert "@resident" not in minimised
    assert "'=HYPERLINK(1)" in minimised  # never run as a formula
    allow_authors(personas.council)
    assert "@resident@example.social" in _content(client.get("/listening/mentions.csv"))


def test_an_alert_is_acknowledged_from_its_page_and_others_are_404(personas: Personas) -> None:
    AlertRule.objects.create(council=personas.council, name="Safeguarding", kind="high_risk")
    mention = make_mention(
        make_source(personas.council), posted_at=timezone.now(), safeguarding=True
    )
    evaluate_for_mentions(personas.council.pk, [mention.pk])
    alert = Alert.objects.get()
    client = personas.client_for(personas.digital_lead)
    assert "High-risk mention" in client.get("/listening/alerts/").content.decode()
    client.post(f"/listening/alerts/{alert.public_id}/acknowledge/", {"note": "With the DSL"})
    alert.refresh_from_db()
    assert alert.status == "acknowledged"
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(f"/listening/alerts/{alert.public_id}/").status_code == 404
    assert outsider.post(f"/listening/alerts/{alert.public_id}/close/").status_code == 404


def test_the_rule_form_shows_errors_and_saves_a_good_rule(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    bad = client.post(
        "/listening/alerts/rules/new/",
        {
            "name": "Spikes",
            "kind": "volume_spike",
            "threshold": "3",
            "window_minutes": "45",
            "baseline_days": "14",
            "minimum_count": "10",
        },
    )
    assert "There is a problem" in bad.content.decode()
    assert "whole hours" in bad.content.decode()
    good = client.post(
        "/listening/alerts/rules/new/",
        {
            "name": "Spikes",
            "kind": "volume_spike",
            "threshold": "3",
            "window_minutes": "60",
            "baseline_days": "14",
            "minimum_count": "10",
            "email_to": "comms@wessex.gov.uk",
            "is_active": "on",
        },
    )
    assert good.status_code == 302
    rule = AlertRule.objects.get(council=personas.council)
    assert rule.email_to == ["comms@wessex.gov.uk"]
    theirs = AlertRule.objects.create(council=personas.other_council, name="T", kind="high_risk")
    assert client.get(f"/listening/alerts/rules/{theirs.public_id}/").status_code == 404


def test_the_privacy_page_says_public_posts_only_and_refuses_bad_input(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    page = client.get("/listening/privacy/").content.decode()
    assert "public posts only" in page
    assert "13" in page
    bad = client.post(
        "/listening/privacy/", {"lawful_basis": "Public task", "retention_months": "0"}
    )
    assert "Keep mentions for between 1 and 72 months" in bad.content.decode()
    reader = personas.client_for(personas.approver)
    assert reader.get("/listening/privacy/").status_code == 200
    assert (
        reader.post(
            "/listening/privacy/", {"lawful_basis": "x", "retention_months": "3"}
        ).status_code
        == 403
    )


def test_past_days_are_summed_once_and_today_is_always_live(personas: Personas) -> None:
    from herald.listening.insight.dashboard import DashboardFilters, build_dashboard  # noqa: PLC0415

    source = make_source(personas.council)
    now = timezone.now()
    write_rollup(source, hour=now - datetime.timedelta(days=2), total=5)
    today = timezone.localdate()
    week = DashboardFilters(start=today - datetime.timedelta(days=6), end=today)
    assert build_dashboard(personas.council, week).total.total == 5
    write_rollup(source, hour=now, total=3, service="roads")
    again = build_dashboard(personas.council, week)
    assert again.total.total == 8
    assert again.per_day[today].total == 3
    fortnight = DashboardFilters(start=today - datetime.timedelta(days=13), end=today)
    assert build_dashboard(personas.council, fortnight).total.total == 8


def test_a_mention_links_to_its_original_only_by_a_web_address(personas: Personas) -> None:
    source = make_source(personas.council)
    now = timezone.now()
    bad = make_mention(source, posted_at=now, url="javascript:alert(1)")
    good = make_mention(source, posted_at=now, url="https://example.social/@r/1")
    client = personas.client_for(personas.digital_lead)
    assert "javascript:" not in client.get(mention_path(bad)).content.decode()
    assert 'href="https://example.social/@r/1"' in client.get(mention_path(good)).content.decode()


def test_the_csv_keeps_negative_scores_as_numbers(personas: Personas) -> None:
    make_mention(make_source(personas.council), posted_at=timezone.now(), sentiment_score=-0.6)
    lines = _content(personas.client_for(personas.admin).get("/listening/mentions.csv"))
    assert ",-0.600," in lines


def test_a_topic_counts_its_queries_rows_and_share_of_voice_only_its_queries(
    personas: Personas,
) -> None:
    from herald.listening.insight.dashboard import DashboardFilters, build_dashboard  # noqa: PLC0415

    source = make_source(personas.council)
    bins = make_query(personas.council, "Bins", topic="service")
    parks = make_query(personas.council, "Aldermoor Park", topic="place")
    hour = timezone.now() - datetime.timedelta(days=1)
    write_rollup(source, hour=hour, total=20)
    write_rollup(source, hour=hour, total=7, query=bins)
    write_rollup(source, hour=hour, total=4, query=parks)
    today = timezone.localdate()
    recent = DashboardFilters(start=today - datetime.timedelta(days=3), end=today)
    every = build_dashboard(personas.council, recent)
    assert every.total.total == 20
    assert [(q.name, t.total) for q, t in every.queries] == [("Bins", 7), ("Aldermoor Park", 4)]
    places = build_dashboard(
        personas.council,
        DashboardFilters(start=today - datetime.timedelta(days=3), end=today, topic="place"),
    )
    assert places.total.total == 4
    assert [q.name for q, _ in places.queries] == ["Aldermoor Park"]


def test_mentions_filter_by_flag_and_query_and_refuse_an_end_before_the_start(
    personas: Personas,
) -> None:
    source = make_source(personas.council)
    bins = make_query(personas.council, "Bins")
    now = timezone.now()
    make_mention(source, text="Missed bin again", posted_at=now, queries=(bins,))
    make_mention(source, text="A worrying post", posted_at=now, safeguarding=True)
    client = personas.client_for(personas.digital_lead)
    flagged = client.get("/listening/mentions/?flag=safeguarding").content.decode()
    assert "A worrying post" in flagged
    assert "Missed bin" not in flagged
    by_query = client.get(f"/listening/mentions/?query={bins.public_id}").content.decode()
    assert "Missed bin" in by_query
    assert "A worrying post" not in by_query
    today = timezone.localdate()
    backwards = client.get(
        f"/listening/mentions/?start-day={today.day}&start-month={today.month}"
        f"&start-year={today.year}&end-day=1&end-month=1&end-year=2020"
    ).content.decode()
    assert "The end date must be the same as or after the start date" in backwards
