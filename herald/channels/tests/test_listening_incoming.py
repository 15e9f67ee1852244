"""Each network's ``incoming``: residents' comments, replies and mentions read after a cursor,
against the fakes in the documented shapes, with faults (429, lapsed token, malformed entries)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from herald.channels.adapters.base import AuthExpired, Connection, RateLimited
from herald.channels.adapters.facebook.listening import FacebookListening
from herald.channels.adapters.instagram.listening import InstagramListening
from herald.channels.adapters.linkedin.listening import LinkedInListening
from herald.channels.adapters.x.listening import XListening
from herald.channels.adapters.youtube.listening import YouTubeListening
from herald.channels.fakes.comments import (
    FakeFacebookComments,
    FakeInstagramComments,
    FakeLinkedInComments,
    FakeXMentions,
    FakeYouTubeComments,
)
from herald.channels.fakes.facebook import FakePagePost
from herald.channels.fakes.instagram import FakeMedia
from herald.channels.fakes.linkedin import FakeLinkedInPost

UTC = datetime.UTC
START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _connection(
    network: str, external_id: str, base_url: str, credentials: dict[str, str]
) -> Connection:
    return Connection(
        network=network, external_id=external_id, base_url=base_url, credentials=credentials
    )


# -- X -------------------------------------------------------------------------------------------
def test_x_mentions_page_forwards_without_skipping() -> None:
    fake = FakeXMentions()
    listener = XListening(fake.client())
    connection = _connection("x", fake.user_id, "https://api.x.com", fake.credentials())
    fake.add_mention("the bins were missed", reply=True)
    items, cursor = listener.incoming(connection, cursor={})
    assert [i.kind for i in items] == ["reply"]
    assert items[0].author_handle == "@jo_resident"
    for n in range(7):
        fake.add_mention(f"pothole {n}")
    first, cursor = listener.incoming(connection, cursor=cursor, limit=5)
    assert "pagination_token" in cursor
    second, cursor = listener.incoming(connection, cursor=cursor, limit=5)
    assert len({i.remote_id for i in first + second}) == 7
    assert listener.incoming(connection, cursor=cursor)[0] == []
    assert cursor == {"since_id": fake.mentions[-1]["id"]}


def test_x_rate_limit_and_lapsed_token() -> None:
    fake = FakeXMentions()
    listener = XListening(fake.client())
    connection = _connection("x", fake.user_id, "https://api.x.com", fake.credentials())
    fake.faults.add("rate_limited", retry_after=90)
    with pytest.raises(RateLimited) as limited:
        listener.incoming(connection, cursor={})
    assert 80 <= limited.value.retry_after <= 91
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        listener.incoming(connection, cursor={})


# -- YouTube -------------------------------------------------------------------------------------
def test_youtube_comments_after_the_cursor() -> None:
    with time_machine.travel(START, tick=False) as clock:
        fake = FakeYouTubeComments()
        listener = YouTubeListening(fake.client())
        connection = _connection(
            "youtube", fake.channel_id, "https://www.googleapis.com", fake.credentials()
        )
        fake.add_comment("Great video about recycling")
        items, cursor = listener.incoming(connection, cursor={})
        assert items[0].text == "Great video about recycling"
        clock.shift(60)
        fake.add_comment("When is the next one?")
        items, cursor = listener.incoming(connection, cursor=cursor)
    # The cursor's edge is read again (ingestion stores it once); nothing older is.
    assert [i.text for i in items] == ["When is the next one?", "Great video about recycling"]
    assert items[0].url.startswith("https://www.youtube.com/watch?v=")


# -- Facebook ------------------------------------------------------------------------------------
def test_facebook_comments_and_replies_on_the_pages_posts() -> None:
    with time_machine.travel(START, tick=False) as clock:
        fake = FakeFacebookComments()
        post_id = f"{fake.page_id}_1"
        fake.posts[post_id] = FakePagePost(post_id, "Road closures this week", START)
        listener = FacebookListening(fake.client())
        connection = _connection(
            "facebook_page", fake.page_id, "https://graph.facebook.com", fake.credentials()
        )
        first = fake.add_comment(post_id, "Which roads?")
        clock.shift(30)
        fake.add_comment(post_id, "Elm Road too", parent_id=first)
        items, cursor = listener.incoming(connection, cursor={})
        assert sorted(i.kind for i in items) == ["comment", "reply"]
        assert {i.thread_key for i in items} == {post_id}
        assert cursor["since"] == (START + datetime.timedelta(seconds=30)).isoformat()
        fake.resident_comments[post_id].append({"id": "bad"})  # no created_time
        items, _ = listener.incoming(connection, cursor=cursor)
    assert [i.problem for i in items if i.problem] == ["Malformed Facebook comment (KeyError)"]


def test_facebook_lapsed_token() -> None:
    fake = FakeFacebookComments()
    listener = FacebookListening(fake.client())
    connection = _connection(
        "facebook_page", fake.page_id, "https://graph.facebook.com", fake.credentials()
    )
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        listener.incoming(connection, cursor={})


# -- Instagram -----------------------------------------------------------------------------------
def test_instagram_comments_on_recent_media() -> None:
    with time_machine.travel(START, tick=False):
        fake = FakeInstagramComments()
        fake.media["m1"] = FakeMedia("m1", "Library week", "IMAGE", START, "c1")
        fake.add_comment("m1", "Love the new library!")
        listener = InstagramListening(fake.client())
        connection = _connection(
            "instagram", fake.ig_user_id, "https://graph.instagram.com", fake.credentials()
        )
        items, _ = listener.incoming(connection, cursor={})
    assert [(i.text, i.author_handle, i.thread_key) for i in items] == [
        ("Love the new library!", "@jo.resident", "m1")
    ]


# -- LinkedIn ------------------------------------------------------------------------------------
def test_linkedin_comments_on_the_organisations_posts() -> None:
    with time_machine.travel(START, tick=False) as clock:
        fake = FakeLinkedInComments()
        urn = "urn:li:share:7271000000000000001"
        fake.posts[urn] = FakeLinkedInPost(urn, fake.org_urn, "We are hiring", {}, START, {})
        fake.add_comment(urn, "Is the role hybrid?")
        listener = LinkedInListening(fake.client())
        connection = _connection(
            "linkedin", fake.organization_id, "https://api.linkedin.com", fake.credentials()
        )
        items, cursor = listener.incoming(connection, cursor={})
        assert [i.text for i in items] == ["Is the role hybrid?"]
        clock.shift(10)
        fake.add_comment(urn, "And the salary?")
        items, _ = listener.incoming(connection, cursor=cursor)
    assert [i.text for i in items] == ["And the salary?", "Is the role hybrid?"]
