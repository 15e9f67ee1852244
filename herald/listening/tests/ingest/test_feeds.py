"""Listening's own feeds against fake servers in the networks' documented shapes, with injected
faults: Mastodon, Bluesky and news feeds."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.channels.clients import use_transport
from herald.channels.fakes.listening import (
    FakeBlueskyListening,
    FakeMastodonListening,
    FakeNewsFeed,
)
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.listening.models import CaptureGap, Mention, SkippedItem, Source
from herald.listening.services.polling import poll_source
from herald.listening.tests.ingest.conftest import make_source

pytestmark = pytest.mark.django_db


def _connection(personas: Personas, network: str, credentials: dict[str, str]) -> ChannelConnection:
    handle = "@aldermoor@town.example" if network == "mastodon" else "aldermoor.bsky.social"
    account = make_account(
        council=personas.council,
        service=ServiceFactory(council=personas.council),
        network=network,
        handle=handle,
    )
    return ChannelConnection.objects.create(
        council=personas.council,
        account=account,
        network=network,
        external_id="1",
        base_url="https://town.example",
        credentials=credentials,  # type: ignore[misc]  # encrypted on save
    )


# -- Mastodon ------------------------------------------------------------------------------------
def test_mastodon_hashtags_are_read_forwards_from_the_cursor(personas: Personas) -> None:
    fake = FakeMastodonListening()
    fake.add_status("First #Aldermoor", tags=("aldermoor",))
    source = make_source(
        personas,
        "mastodon",
        config={"instance": "https://town.example", "hashtags": ["#Aldermoor"]},
    )
    with use_transport("mastodon", fake.transport()):
        assert poll_source(source_id=source.pk).ingested.inserted == 1
        for n in range(45):  # a backlog longer than a page: read forwards, nothing skipped
            fake.add_status(f"Road works number {n} #Aldermoor", tags=("aldermoor",))
        result = poll_source(source_id=source.pk)
        assert result.ok
        assert result.ingested.inserted == 45
        assert result.batches == 3  # 40, 5, then an empty page
        fake.add_status("One more #aldermoor", tags=("aldermoor",))
        assert poll_source(source_id=source.pk).ingested.inserted == 1
    mention = Mention.objects.get(text="One more #aldermoor")
    assert (mention.network, mention.author_handle, mention.likes) == (
        "mastodon",
        "@resident@town.example",
        5,
    )


def test_mastodon_boosts_are_reposts_and_malformed_statuses_are_skipped(
    personas: Personas,
) -> None:
    fake = FakeMastodonListening()
    fake.add_status("Bins #aldermoor", tags=("aldermoor",), reblog=True)
    broken = fake.add_status("Broken #aldermoor", tags=("aldermoor",))
    del broken["account"]
    source = make_source(
        personas, "mastodon", config={"instance": "https://town.example", "hashtags": ["aldermoor"]}
    )
    with use_transport("mastodon", fake.transport()):
        result = poll_source(source_id=source.pk)
    assert (result.ingested.inserted, result.ingested.skipped) == (1, 1)
    assert Mention.objects.get().is_repost
    assert SkippedItem.objects.get().reason == "Malformed Mastodon status (KeyError)"


def test_mastodon_notifications_need_the_accounts_token_and_a_lapse_is_a_gap(
    personas: Personas,
) -> None:
    fake = FakeMastodonListening()
    fake.add_status("@aldermoorcc the park gate is broken", mention=True)
    connection = _connection(personas, "mastodon", {"access_token": fake.token})
    source = make_source(
        personas,
        "mastodon",
        connection=connection,
        config={"instance": "https://town.example", "notifications": True},
    )
    with use_transport("mastodon", fake.transport()):
        assert poll_source(source_id=source.pk).ingested.inserted == 1
        fake.tokens.clear()  # revoked
        assert not poll_source(source_id=source.pk).ok
    gap = CaptureGap.objects.get(source=source)
    assert "Token lapsed" in gap.reason
    assert "The access token is invalid" in gap.reason
    assert Mention.objects.get().kind == "mention"


def test_a_429_waits_the_retry_after_without_a_gap(personas: Personas) -> None:
    fake = FakeMastodonListening()
    fake.faults.add("rate_limited", retry_after=120)
    source = make_source(
        personas, "mastodon", config={"instance": "https://town.example", "hashtags": ["aldermoor"]}
    )
    with use_transport("mastodon", fake.transport()):
        assert not poll_source(source_id=source.pk).ok
    source.refresh_from_db()
    assert not CaptureGap.objects.exists()
    assert source.status == Source.Status.ACTIVE
    assert source.next_poll_at is not None
    wait = source.next_poll_at - timezone.now()
    assert datetime.timedelta(seconds=100) < wait <= datetime.timedelta(seconds=121)


def test_a_timeout_opens_a_gap_and_the_next_good_poll_closes_it(personas: Personas) -> None:
    fake = FakeMastodonListening()
    fake.faults.add("connect_error")
    source = make_source(
        personas, "mastodon", config={"instance": "https://town.example", "hashtags": ["aldermoor"]}
    )
    with use_transport("mastodon", fake.transport()):
        poll_source(source_id=source.pk)
        assert CaptureGap.objects.get().ended_at is None
        assert poll_source(source_id=source.pk).ok
    assert CaptureGap.objects.get().ended_at is not None


# -- Bluesky -------------------------------------------------------------------------------------
def test_bluesky_search_and_notifications(personas: Personas) -> None:
    fake = FakeBlueskyListening()
    fake.add_post("Aldermoor library is wonderful")
    fake.add_post("Hello @aldermoor.gov.uk, the lights are out", reason="mention")
    fake.add_post("unrelated")
    connection = _connection(personas, "bluesky", {"accessJwt": fake.token})
    source = make_source(
        personas,
        "bluesky",
        connection=connection,
        config={"terms": ["aldermoor"], "notifications": True},
    )
    with use_transport("bluesky", fake.transport()):
        assert poll_source(source_id=source.pk).ingested.inserted == 2
        fake.add_post("Aldermoor again")
        assert poll_source(source_id=source.pk).ingested.inserted == 1
        source.refresh_from_db()
        assert source.cursor["search:aldermoor"] == fake.posts[-1]["indexedAt"]
        fake.expire_tokens()
        assert not poll_source(source_id=source.pk).ok
    assert CaptureGap.objects.get(source=source).reason.startswith("Token lapsed")
    mention = Mention.objects.get(text="Aldermoor again")
    assert mention.url.startswith("https://bsky.app/profile/resident.bsky.social/post/")


# -- News feeds ----------------------------------------------------------------------------------
def test_news_feeds_use_conditional_get(personas: Personas, rss_source: Source) -> None:
    fake = FakeNewsFeed()
    fake.add_item("Council approves new library", "<p>The <b>new</b> library opens in May.</p>")
    with use_transport("rss", fake.transport()):
        assert poll_source(source_id=rss_source.pk).ingested.inserted == 1
        assert poll_source(source_id=rss_source.pk).ingested.received == 0
        rss_source.refresh_from_db()
        assert fake.requests[-1].headers["if-none-match"] == rss_source.cursor["etag"]
        assert rss_source.cursor["modified"].endswith("GMT")
    mention = Mention.objects.get()
    assert mention.text == "Council approves new library\nThe new library opens in May."
    assert mention.network == "rss"


def test_a_malformed_feed_is_a_gap_with_its_reason(rss_source: Source) -> None:
    fake = FakeNewsFeed()
    fake.body = b"<html><body>Not a feed"
    with use_transport("rss", fake.transport()):
        assert not poll_source(source_id=rss_source.pk).ok
    assert "could not be read as RSS or Atom" in CaptureGap.objects.get().reason


# -- Comments on the council's own posts, through the channel adapters ---------------------------
def test_own_comments_on_x_through_the_channel_adapter(personas: Personas) -> None:
    from herald.channels.fakes.comments import FakeXMentions  # noqa: PLC0415

    fake = FakeXMentions()
    account = make_account(
        council=personas.council, service=ServiceFactory(council=personas.council)
    )
    connection = ChannelConnection.objects.create(
        council=personas.council,
        account=account,
        network="x",
        external_id=fake.user_id,
        base_url="https://api.x.com",
        credentials=fake.credentials(),  # type: ignore[misc]  # encrypted on save
    )
    source = make_source(personas, "own_comments", name="X", config={}, connection=connection)
    fake.add_mention("my bin was missed", reply=True)
    with use_transport("x", fake.transport()):
        assert poll_source(source_id=source.pk).ingested.inserted == 1
        fake.expire_tokens()  # renewed with the refresh token: still heard
        fake.add_mention("and the recycling", reply=True)
        assert poll_source(source_id=source.pk).ingested.inserted == 1
        fake.expire_tokens()
        fake.refresh_tokens.clear()  # revoked: now the token has lapsed
        assert not poll_source(source_id=source.pk).ok
    mention = Mention.objects.get(text__contains="my bin was missed")
    assert (mention.network, mention.kind, mention.account_id) == ("x", "reply", account.pk)
    assert CaptureGap.objects.get(source=source).reason.startswith("Token lapsed")
