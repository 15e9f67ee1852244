"""Live streams: Mastodon's server-sent events through the fake's transport, Bluesky's Jetstream
from a real WebSocket server on localhost, each through the runner into the real pipeline."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import Personas
from herald.channels.clients import use_transport
from herald.channels.fakes.jetstream import FakeJetstream
from herald.channels.fakes.listening import FakeMastodonListening
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.listening.models import Mention, SkippedItem, Source
from herald.listening.streams import live_feed_for
from herald.listening.streams.jetstream import REWIND_US
from herald.listening.streams.runner import Channel, Settings, Supervisor, Tally, db_turn
from herald.listening.streams.sse import HEARTBEAT, Event, events
from herald.listening.tests.ingest.conftest import make_source

COUNCIL_DID = "did:plc:aldermoorcouncil"


# -- Server-sent events --------------------------------------------------------------------------
def test_server_sent_events_are_read_as_the_standard_says() -> None:
    lines = [
        ":thump",
        "event: update",
        'data: {"a":',
        "data:1}",
        "id: 7",
        "",
        "data",
        "",
        "event: delete",
        "",  # no data: not dispatched
        "retry: 10",
        "data: plain",
        "",
    ]
    assert list(events(lines)) == [
        HEARTBEAT,
        Event(event="update", data='{"a":\n1}', id="7"),
        Event(event="message", data="", id="7"),
        Event(event="message", data="plain", id="7"),
    ]


def _channel(source: Source, name: str, tally: Tally | None = None) -> Channel:
    settings = Settings(flush_seconds=0.05, batch_size=2, max_backoff=0.01)
    return Channel(
        source.pk, name, stop=threading.Event(), settings=settings, tally=tally or Tally(),
        connections=1,
    )  # fmt: skip


def _connection(
    personas: Personas,
    network: str,
    external_id: str,
    token: str = "token-1",  # noqa: S107 - a fake's
) -> ChannelConnection:
    account = make_account(
        council=personas.council,
        service=ServiceFactory(council=personas.council),
        network=network,
        handle="@aldermoor@town.example" if network == "mastodon" else "aldermoor.bsky.social",
    )
    return ChannelConnection.objects.create(
        council=personas.council,
        account=account,
        network=network,
        external_id=external_id,
        base_url="https://town.example",
        credentials={"access_token": token},  # type: ignore[misc]  # encrypted on save
    )


# -- Mastodon ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_mastodon_hashtag_stream_is_heard_stored_once_and_deletions_marked(
    personas: Personas,
) -> None:
    fake = FakeMastodonListening()
    first = fake.add_status("Bins missed again on Elm Road #Aldermoor", tags=("aldermoor",))
    fake.add_status("Lovely day #elsewhere", tags=("elsewhere",))
    fake.add_status("New library hours #aldermoor", tags=("aldermoor",))
    source = make_source(
        personas,
        "mastodon",
        config={"instance": "https://town.example", "hashtags": ["#Aldermoor"]},
    )
    assert live_feed_for(source).channels(source) == ["tag:aldermoor"]
    tally = Tally()
    with use_transport("mastodon", fake.transport()):
        _channel(source, "tag:aldermoor", tally).run()
        assert Mention.objects.filter(source=source).count() == 2
        fake.add_status("Pothole on the A31 #aldermoor", tags=("aldermoor",))
        fake.delete_status(first["id"])
        _channel(source, "tag:aldermoor", tally).run()
    texts = set(Mention.objects.filter(source=source).values_list("text", flat=True))
    assert texts == {
        "Bins missed again on Elm Road #Aldermoor",
        "New library hours #aldermoor",
        "Pothole on the A31 #aldermoor",
    }
    deleted = Mention.objects.get(remote_id=first["id"])
    assert deleted.deleted_on_network_at is not None
    assert Mention.objects.filter(deleted_on_network_at__isnull=False).count() == 1
    source.refresh_from_db()
    assert source.stream_heard_at is not None
    assert source.stream_error == ""
    assert source.cursor == {}  # the poll's cursor is the poll's own
    assert source.next_poll_at is not None
    assert source.next_poll_at <= timezone.now()
    assert tally.as_dict() == {
        "connections": 2,
        "failures": 0,
        "deleted": 1,
        "received": 3,
        "inserted": 3,
        "already_known": 0,
        "skipped": 0,
    }


@pytest.mark.django_db
def test_mastodon_notifications_keep_mentions_and_skip_what_is_malformed(
    personas: Personas,
) -> None:
    fake = FakeMastodonListening()
    fake.add_status("@aldermoor the bins were not collected", mention=True)
    liked = fake.add_status("A post of the council's own")
    fake.notifications.append(
        {"id": "9", "type": "favourite", "account": liked["account"], "status": liked}
    )
    connection = _connection(personas, "mastodon", "1", token=fake.token)
    source = make_source(
        personas,
        "mastodon",
        config={"instance": "https://town.example", "hashtags": [], "notifications": True},
        connection=connection,
    )
    assert live_feed_for(source).channels(source) == ["notifications"]
    with use_transport("mastodon", fake.transport()):
        _channel(source, "notifications").run()
        fake.stream_body = (
            b'event: notification\ndata: {"type": "mention"}\n\nevent: update\ndata: [1]\n\n'
        )
        _channel(source, "notifications").run()
    mention = Mention.objects.get(source=source)
    assert (mention.text, mention.kind) == ("@aldermoor the bins were not collected", "mention")
    assert set(SkippedItem.objects.filter(source=source).values_list("reason", flat=True)) == {
        "Mastodon notification without a status",
        "Malformed Mastodon status (KeyError)",
    }


@pytest.mark.django_db
def test_a_mastodon_stream_that_refuses_is_kept_on_the_source_and_retried(
    personas: Personas,
) -> None:
    fake = FakeMastodonListening()
    connection = _connection(personas, "mastodon", "1")
    source = make_source(
        personas,
        "mastodon",
        config={"instance": "https://town.example", "hashtags": [], "notifications": True},
        connection=connection,
    )
    tally = Tally()
    with use_transport("mastodon", fake.transport()):  # the fake's token is not "token-1"
        channel = _channel(source, "notifications", tally)
        channel.connections = 2
        channel.run()
    source.refresh_from_db()
    assert "HTTP 401" in source.stream_error
    assert source.stream_heard_at is None  # never connected, so never heard
    assert (tally.connections, tally.failures) == (2, 2)
    assert channel.backoff == 0.01  # doubled from 1 s, capped at the settings' most
    assert not Mention.objects.exists()


# -- Bluesky Jetstream ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_jetstream_keeps_the_councils_posts_resumes_from_its_cursor_and_marks_deletions(
    personas: Personas,
) -> None:
    jet = FakeJetstream()
    kept = jet.post("The BINS on Elm Road were missed")
    jet.post("Cabins by the lake")  # "bins" only inside another word
    jet.post("Nothing to do with the council")
    jet.post("@aldermoor thank you", mentions=(COUNCIL_DID,))
    jet.post("Agreed!", reply_to=f"at://{COUNCIL_DID}/app.bsky.feed.post/3council")
    jet.post("liked", collection="app.bsky.feed.like")
    connection = _connection(personas, "bluesky", COUNCIL_DID)
    with jet.running():
        source = make_source(
            personas,
            "bluesky",
            config={"terms": ["bins"], "stream_address": jet.address},
            connection=connection,
        )
        assert live_feed_for(source).channels(source) == ["jetstream"]
        jet.hold_seconds = 1.2  # an idle tick while open
        _channel(source, "jetstream").run()
        jet.hold_seconds = 0
        assert Mention.objects.filter(source=source).count() == 3
        source.refresh_from_db()
        cursor = source.stream_cursor["jetstream"]
        assert cursor == jet.events[-2]["time_us"]  # the like was not asked for
        jet.delete(kept)
        jet.post("Missed bins again")
        _channel(source, "jetstream").run()
    assert jet.requests[0] == {"wantedCollections": ["app.bsky.feed.post"]}
    assert jet.requests[1]["cursor"] == [str(cursor - REWIND_US)]
    texts = sorted(Mention.objects.filter(source=source).values_list("text", flat=True))
    assert texts == [
        "@aldermoor thank you",
        "Agreed!",
        "Missed bins again",
        "The BINS on Elm Road were missed",
    ]
    gone = Mention.objects.get(text="The BINS on Elm Road were missed")
    assert gone.deleted_on_network_at is not None
    assert gone.remote_id == f"at://did:plc:resident/app.bsky.feed.post/{kept['commit']['rkey']}"
    assert gone.url.startswith("https://bsky.app/profile/did:plc:resident/post/")
    reply = Mention.objects.get(text="Agreed!")
    assert (reply.kind, reply.network) == ("reply", "bluesky")


@pytest.mark.django_db
def test_jetstream_refusals_and_malformed_frames(personas: Personas) -> None:
    jet = FakeJetstream()
    jet.refuse = [503, 429]
    with jet.running():
        source = make_source(
            personas, "bluesky", config={"terms": ["bins"], "stream_address": jet.address}
        )
        tally = Tally()
        channel = _channel(source, "jetstream", tally)
        channel.run()
        source.refresh_from_db()
        assert "HTTP 503" in source.stream_error
        wait = channel._connect(source)
        assert wait >= 30  # Jetstream's rate limit is waited out
        jet.raw = ["not json", json.dumps({"kind": "commit", "commit": {"collection": "x"}})]
        jet.post("bins bins bins")
        _channel(source, "jetstream", tally).run()
    assert tally.failures == 2
    assert Mention.objects.filter(source=source).count() == 1
    assert list(SkippedItem.objects.filter(source=source).values_list("reason", flat=True)) == [
        "Malformed Jetstream event"
    ]
    source.refresh_from_db()
    assert source.stream_error == ""


# -- The runner and the command ------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_the_command_streams_every_source_until_stopped(personas: Personas) -> None:
    jet = FakeJetstream()
    jet.post("Pothole outside the school")
    fake = FakeMastodonListening()
    fake.add_status("Road closed #aldermoor", tags=("aldermoor",))
    with jet.running(), use_transport("mastodon", fake.transport()):
        make_source(
            personas, "bluesky", config={"terms": ["pothole"], "stream_address": jet.address}
        )
        mastodon = make_source(
            personas,
            "mastodon",
            name="Mastodon",
            config={"instance": "https://town.example", "hashtags": ["aldermoor"]},
        )
        make_source(personas, "rss")  # polled only
        paused = make_source(personas, "bluesky", name="Paused", config={"terms": ["x"]})
        Source.objects.filter(pk=paused.pk).update(status=Source.Status.PAUSED)
        out = _run_command("--seconds", "1.5", "--flush-seconds", "0.1")
    tally = json.loads(out.strip().splitlines()[-1])
    assert (tally["inserted"], tally["failures"]) == (2, 0)
    assert set(Mention.objects.values_list("text", flat=True)) == {
        "Pothole outside the school",
        "Road closed #aldermoor",
    }
    assert Source.objects.get(pk=mastodon.pk).stream_heard_at is not None


def _run_command(*args: str) -> str:
    from io import StringIO  # noqa: PLC0415

    out = StringIO()
    call_command("listen_stream", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_supervisor_stops_a_paused_sources_channels(personas: Personas) -> None:
    jet = FakeJetstream()
    jet.hold_seconds = 30  # the stream stays open until told to stop
    with jet.running():
        source = make_source(
            personas, "bluesky", config={"terms": ["bins"], "stream_address": jet.address}
        )
        stop = threading.Event()
        supervisor = Supervisor(stop=stop, settings=Settings(flush_seconds=0.05))
        supervisor.refresh()
        assert set(supervisor.running) == {(source.pk, "jetstream")}
        thread, own_stop = supervisor.running[(source.pk, "jetstream")]
        with db_turn():  # the channel's thread writes too: on SQLite, take turns as it does
            Source.objects.filter(pk=source.pk).update(status=Source.Status.PAUSED)
        supervisor.refresh()
        assert supervisor.running == {}
        assert own_stop.is_set()
        thread.join(timeout=5)
        assert not thread.is_alive()


def test_command_refuses_an_unknown_council(db: None) -> None:
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError, match="no council with the slug 'nowhere'"):
        call_command("listen_stream", "--council", "nowhere")
