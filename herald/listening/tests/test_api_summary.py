"""The summary API: the reputation dashboard's figures from the rollups, for the dashboard's
filters, the council's own only; bad filters are JSON 400s."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.listening.models import CaptureGap
from herald.listening.tests.insight.support import make_query, make_source, write_rollup

pytestmark = pytest.mark.django_db
API = "/api/v1/listening/summary/"


def test_the_summary_has_the_dashboards_figures(personas: Personas) -> None:
    council = personas.council
    news, social = make_source(council, "Wessex news", "rss"), make_source(council, "Mastodon")
    bins, park = make_query(council, "Bins"), make_query(council, "Park", topic="place")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    write_rollup(news, hour=yesterday, total=10, negative=6, positive=2, engagement=30)
    write_rollup(social, hour=yesterday, total=10, negative=2, positive=4, service="parks")
    write_rollup(social, hour=yesterday, total=3, negative=3, query=bins)
    write_rollup(social, hour=yesterday, total=1, positive=1, query=park, service="parks")
    write_rollup(make_source(personas.other_council), hour=yesterday, total=500)
    CaptureGap.objects.create(
        source=news, started_at=yesterday, reason="The feed answered 503 for an hour"
    )
    body = api_client(personas.approver, Role.APPROVER).get(API).json()
    assert body["end"] == timezone.localdate().isoformat()
    assert len(body["per_day"]) == 30
    assert body["total"] == {
        "mentions": 20,
        "positive": 6,
        "neutral": 6,
        "negative": 8,
        "engagement": 30,
        "positive_share": 30.0,
        "neutral_share": 30.0,
        "negative_share": 40.0,
        "net_sentiment": -10.0,
    }
    assert [(s["name"], s["mentions"]) for s in body["services"]] == [("parks", 10), ("waste", 10)]
    assert {s["name"]: s["net_sentiment"] for s in body["sources"]} == {
        "Wessex news": -40.0,
        "Mastodon": 20.0,
    }
    assert [(q["name"], q["mentions"], q["share_of_voice"]) for q in body["queries"]] == [
        ("Bins", 3, 75.0),
        ("Park", 1, 25.0),
    ]
    assert body["queries"][0]["id"] == str(bins.public_id)
    assert [(g["source"], g["ended_at"]) for g in body["gaps"]] == [("Wessex news", None)]


def test_the_summary_follows_the_filters(personas: Personas) -> None:
    news, social = make_source(personas.council, "News", "rss"), make_source(personas.council)
    week_ago = timezone.now() - datetime.timedelta(days=7)
    write_rollup(news, hour=week_ago, total=4, negative=1)
    write_rollup(social, hour=week_ago, total=6, negative=5)
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    assert client.get(API, {"source": str(news.public_id)}).json()["total"]["mentions"] == 4
    assert client.get(API, {"sentiment": "negative"}).json()["total"]["mentions"] == 6
    day = timezone.localtime(week_ago).date()
    one_day = client.get(API, {"start": day.isoformat(), "end": day.isoformat()}).json()
    assert [d["mentions"] for d in one_day["per_day"]] == [10]
    after = (day + datetime.timedelta(days=1)).isoformat()
    assert client.get(API, {"start": after}).json()["total"]["mentions"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-12-08", "end": "2026-12-01"}, "end"),
        ({"end": "tomorrow"}, "end"),
        ({"topic": "weather"}, "topic"),
        ({"source": "not-a-uuid"}, "source"),
    ],
)
def test_a_bad_filter_is_a_json_400(personas: Personas, params: dict[str, str], field: str) -> None:
    response = api_client(personas.digital_lead, Role.DIGITAL_TEAM).get(API, params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]


def test_the_summary_covers_at_most_a_year_and_says_which(personas: Personas) -> None:
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    body = client.get(API, {"start": "1900-01-01", "end": "2026-12-07"}).json()
    assert (body["start"], body["end"]) == ("2025-12-07", "2026-12-07")
    assert len(body["per_day"]) == 366
    theirs = make_source(personas.other_council)
    assert client.get(API, {"source": str(theirs.public_id)}).status_code == 404


def test_another_council_sees_only_its_own_figures_and_other_roles_none(
    personas: Personas,
) -> None:
    write_rollup(make_source(personas.council), hour=timezone.now(), total=9)
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN).get(API)
    assert outsider.json()["total"]["mentions"] == 0
    refused = api_client(personas.editor, Role.EDITOR).get(API)
    assert refused.status_code == 403
    assert refused.json()["code"] == "role_not_allowed"
