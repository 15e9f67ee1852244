"""The mentions API: each mention in full with its enrichment's versions, the pages' filters,
keyset paging, JSON 400s for bad filters, authors minimised as in the export, roles, and another
council's mentions not found."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import Personas
from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.listening.insight.mentions import mention_key
from herald.listening.models import Mention
from herald.listening.tests.insight.support import (
    allow_authors,
    make_mention,
    make_query,
    make_source,
    write_rollup,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/listening/mentions/"


def _detail(mention: Mention) -> str:
    return f"{API}{mention.network}/{mention_key(mention)}/"


def test_a_mention_comes_with_its_enrichment_each_stamped_with_its_version(
    personas: Personas,
) -> None:
    bins = make_query(personas.council, "Bin collections")
    posted = timezone.now() - datetime.timedelta(hours=2)
    make_mention(
        make_source(personas.council, name="Wessex Mastodon"),
        text="Call me on 07700 900123, the bins were missed",
        posted_at=posted,
        queries=(bins,),
        url="https://wessex.social/@r/1",
        language="en",
        is_repost=True,
        likes=4,
        shares=2,
        replies=1,
        sentiment_score=-0.71,
        offensive_score=0.12,
        personal_data=[{"kind": "phone", "rule": "PD-PHONE", "start": 11, "end": 24}],
        safeguarding=True,
        safeguarding_reasons=["vulnerable adult"],
        service_confidence=0.83,
        enrichment_versions={
            "sentiment": "vader-3.3.2+herald-1",
            "offensive": "offensive-2",
            "personal_data": "standards-personal-data",
            "safeguarding": "safeguarding-4",
            "service": "router-v3",
        },
    )
    client = api_client(personas.approver, Role.APPROVER)
    body = client.get(API).json()
    assert (body["count"], body["count_capped"], body["next"]) == (1, False, None)
    mention = body["results"][0]
    assert mention["network"] == "mastodon"
    assert mention["source"]["name"] == "Wessex Mastodon"
    assert mention["text"] == "Call me on 07700 900123, the bins were missed"
    assert mention["url"] == "https://wessex.social/@r/1"
    assert mention["language"] == "en"
    assert mention["is_repost"] is True
    assert mention["engagement"] == {"likes": 4, "shares": 2, "replies": 1}
    assert datetime.datetime.fromisoformat(mention["posted_at"]) == posted
    assert mention["sentiment"] == {
        "label": "negative",
        "score": -0.71,
        "version": "vader-3.3.2+herald-1",
    }
    assert mention["offensive"] == {"flag": False, "score": 0.12, "version": "offensive-2"}
    assert mention["personal_data"]["found"][0]["kind"] == "phone"
    assert mention["personal_data"]["version"] == "standards-personal-data"
    assert mention["safeguarding"] == {
        "flag": True,
        "reasons": ["vulnerable adult"],
        "version": "safeguarding-4",
    }
    assert mention["service"] == {"label": "waste", "confidence": 0.83, "version": "router-v3"}
    assert mention["queries"] == [
        {"id": str(bins.public_id), "name": "Bin collections", "topic": "service"}
    ]
    detail = client.get(f"{API}mastodon/{mention['key']}/")
    assert detail.status_code == 200
    assert detail.json() == mention


def test_an_unenriched_mention_says_so_rather_than_inventing_results(personas: Personas) -> None:
    make_mention(
        make_source(personas.council),
        posted_at=timezone.now(),
        sentiment="",
        sentiment_score=None,
        offensive=None,
        safeguarding=None,
        service_label="",
        enrichment_versions={},
        enriched_at=None,
    )
    mention = api_client(personas.digital_lead, Role.DIGITAL_TEAM).get(API).json()["results"][0]
    assert mention["sentiment"] == {"label": "", "score": None, "version": None}
    assert mention["safeguarding"]["flag"] is None
    assert mention["enriched_at"] is None


def test_the_list_pages_newest_first_with_a_cursor_through_ties(personas: Personas) -> None:
    source = make_source(personas.council)
    now = timezone.now()
    # Three share one moment: the cursor must neither skip nor repeat them.
    moments = [now - datetime.timedelta(minutes=m) for m in (1, 5, 5, 5, 9, 12, 30)]
    made = [make_mention(source, text=f"Mention {n}", posted_at=at) for n, at in enumerate(moments)]
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    seen: list[str] = []
    pages, after = 0, ""
    while True:
        body = client.get(API, {"page_size": "3", "after": after}).json()
        assert body["count"] == 7
        seen += [m["text"] for m in body["results"]]
        pages += 1
        if body["next"] is None:
            break
        assert "+" not in body["next"]  # safe in an address unencoded
        after = body["next"]
    assert pages == 3
    newest_first = sorted(made, key=lambda m: (m.posted_at, m.pk), reverse=True)
    assert seen == [m.text for m in newest_first]


def test_the_pages_filters_narrow_the_list(personas: Personas) -> None:
    council = personas.council
    news, social = make_source(council, "Wessex news", "rss"), make_source(council)
    bins, park = make_query(council, "Bins"), make_query(council, "Park", topic="place")
    now = timezone.now()
    make_mention(news, text="Bins late", posted_at=now, queries=(bins,))
    make_mention(social, text="Lovely park", posted_at=now, queries=(park,), sentiment="positive")
    make_mention(social, text="Rude words", posted_at=now, offensive=True, service_label="roads")
    make_mention(social, text="Old news", posted_at=now - datetime.timedelta(days=40))
    write_rollup(social, hour=now, total=1, service="roads")
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)

    def texts(**params: str) -> set[str]:
        return {m["text"] for m in client.get(API, params).json()["results"]}

    assert texts() == {"Bins late", "Lovely park", "Rude words"}  # the last 30 days
    assert texts(source=str(news.public_id)) == {"Bins late"}
    assert texts(query=str(bins.public_id)) == {"Bins late"}
    assert texts(topic="place") == {"Lovely park"}
    assert texts(sentiment="positive") == {"Lovely park"}
    assert texts(service="roads") == {"Rude words"}
    assert texts(flag="offensive") == {"Rude words"}
    old = (now - datetime.timedelta(days=40)).date()
    assert texts(start=old.isoformat(), end=old.isoformat()) == {"Old news"}
    assert texts(sentiment="", flag="") == texts()  # blank means any


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sentiment": "cross"}, "sentiment"),
        ({"start": "31/02/2026"}, "start"),
        ({"start": "2026-12-08", "end": "2026-12-01"}, "end"),
        ({"source": "not-a-uuid"}, "source"),
        ({"query": "not-a-uuid"}, "query"),
        ({"flag": "rude"}, "flag"),
        ({"topic": "weather"}, "topic"),
        ({"after": "yesterday"}, "after"),
        ({"after": "2026-12-01T10:00:00_12"}, "after"),  # not a cursor's shape
        ({"page_size": "0"}, "page_size"),
    ],
)
def test_a_bad_filter_is_a_json_400_naming_it(
    personas: Personas, params: dict[str, str], field: str
) -> None:
    response = api_client(personas.digital_lead, Role.DIGITAL_TEAM).get(API, params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == [field]


def test_another_councils_source_or_query_is_not_found_and_a_strange_service_finds_none(
    personas: Personas,
) -> None:
    make_mention(make_source(personas.council), posted_at=timezone.now())
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    source = client.get(API, {"source": str(make_source(personas.other_council).public_id)})
    assert source.status_code == 404
    assert source.json() == {"code": "not_found", "message": "No such source in this council."}
    query = client.get(API, {"query": str(make_query(personas.other_council).public_id)})
    assert query.json()["message"] == "No such query in this council."
    assert client.get(API, {"service": "libraries"}).json()["count"] == 0


def test_dates_far_out_are_taken_within_the_centuries_mentions_can_have(
    personas: Personas,
) -> None:
    make_mention(make_source(personas.council), posted_at=timezone.now())
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    wide = client.get(API, {"start": "0001-01-01", "end": "9999-12-31"})
    assert wide.json()["count"] == 1
    assert client.get(API, {"end": "0001-01-01"}).json()["count"] == 0


def test_authors_are_minimised_unless_the_council_recorded_why(personas: Personas) -> None:
    mention = make_mention(make_source(personas.council), posted_at=timezone.now())
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    listed = client.get(API)
    assert listed.json()["results"][0]["author"] is None
    assert "@resident" not in listed.content.decode()
    assert "A Resident" not in client.get(_detail(mention)).content.decode()
    allow_authors(personas.council)
    shown = {"handle": "@resident@example.social", "name": "A Resident"}
    assert client.get(API).json()["results"][0]["author"] == shown
    assert client.get(_detail(mention)).json()["author"] == shown


def test_another_councils_mentions_are_not_found_and_not_listed(personas: Personas) -> None:
    theirs = make_mention(
        make_source(personas.other_council), text="Theirs", posted_at=timezone.now()
    )
    ours = make_mention(make_source(personas.council), text="Ours", posted_at=timezone.now())
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    assert [m["text"] for m in client.get(API).json()["results"]] == ["Ours"]
    missing = client.get(_detail(theirs))
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert client.get(f"{API}mastodon/{mention_key(ours)}!/").json()["code"] == "not_found"
    assert client.get(f"{API}bluesky/{mention_key(ours)}/").status_code == 404
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN)
    assert [m["text"] for m in outsider.get(API).json()["results"]] == ["Theirs"]
    assert outsider.get(_detail(ours)).status_code == 404


@pytest.mark.parametrize("role", [Role.DIGITAL_TEAM, Role.APPROVER, Role.ACCOUNT_OWNER])
def test_the_pages_readers_may_read_mentions(personas: Personas, role: Role) -> None:
    member = {
        Role.DIGITAL_TEAM: personas.digital_lead,
        Role.APPROVER: personas.approver,
        Role.ACCOUNT_OWNER: personas.officer,
    }[role]
    assert api_client(member, role).get(API).status_code == 200


def test_roles_that_may_not_see_listening_pages_are_refused(personas: Personas) -> None:
    mention = make_mention(make_source(personas.council), posted_at=timezone.now())
    for member, role in [(personas.editor, Role.EDITOR), (personas.hr, Role.HR)]:
        client = api_client(member, role)
        for url in (API, _detail(mention)):
            refused = client.get(url)
            assert refused.status_code == 403
            assert refused.json()["code"] == "role_not_allowed"
    assert api_client(personas.ict, Role.ICT).get(API).status_code == 403


def test_a_request_without_a_token_is_refused() -> None:
    response = Client().get(API)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_list_reads_a_fixed_number_of_queries_however_many_mentions(
    personas: Personas,
) -> None:
    source, bins = make_source(personas.council), make_query(personas.council)
    client = api_client(personas.digital_lead, Role.DIGITAL_TEAM)

    def queries_for_a_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(API).status_code == 200
        return len(captured)

    make_mention(source, posted_at=timezone.now(), queries=(bins,))
    queries_for_a_page()  # the token's first use is noted once; not a cost of the list
    few = queries_for_a_page()
    for _ in range(8):
        make_mention(source, posted_at=timezone.now(), queries=(bins,))
    assert queries_for_a_page() == few
