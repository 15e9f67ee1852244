"""The Mastodon adapter against the stateful fake server."""

from __future__ import annotations

import datetime
from pathlib import Path

import httpx
import pytest

from herald.channels.adapters.base import (
    AuthExpired,
    Connection,
    OutgoingMedia,
    OutgoingPost,
    Permanent,
    RateLimited,
    Transient,
    UnknownOutcome,
)
from herald.channels.adapters.mastodon import MastodonAdapter
from herald.channels.fakes.faults import FaultPlan, with_faults
from herald.channels.fakes.mastodon import FakeMastodon


def _setup(fake: FakeMastodon | None = None, plan: FaultPlan | None = None):  # type: ignore[no-untyped-def]
    fake = fake or FakeMastodon()
    account = fake.add_account("aldermoor")
    handler = with_faults(fake, plan) if plan else fake
    adapter = MastodonAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    connection = Connection(
        network="mastodon",
        external_id=account["id"],
        base_url=fake.host,
        credentials={
            "access_token": account["access_token"],
            "refresh_token": account["refresh_token"],
        },
    )
    return fake, adapter, connection, account


def test_publish_sends_idempotency_key_and_a_retry_makes_no_second_status() -> None:
    fake, adapter, connection, _ = _setup()
    post = OutgoingPost(
        text="Bins go out on Tuesday", idempotency_key="k-1", link="https://a.gov.uk/bins"
    )
    first = adapter.publish(connection, post)
    again = adapter.publish(connection, post)
    assert first.remote_id == again.remote_id
    assert len(fake.live_statuses()) == 1
    assert first.url.startswith("https://social.example/@aldermoor/")
    assert "https://a.gov.uk/bins" in fake.live_statuses()[0]["_text"]


def test_idempotency_key_expires_after_an_hour() -> None:
    now = [datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)]
    fake, adapter, connection, _ = _setup(FakeMastodon(clock=lambda: now[0]))
    post = OutgoingPost(text="Hello", idempotency_key="k-2")
    adapter.publish(connection, post)
    now[0] += datetime.timedelta(hours=1, seconds=1)
    adapter.publish(connection, post)
    assert len(fake.live_statuses()) == 2  # why the outbox reconciles before re-sending


def test_media_upload_carries_alt_text_and_waits_for_video(tmp_path: Path) -> None:
    fake, adapter, connection, _ = _setup()
    image = tmp_path / "flood.png"
    image.write_bytes(b"\x89PNG fake")
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"fake mp4")
    post = OutgoingPost(
        text="Flood warning",
        idempotency_key="k-3",
        media=(
            OutgoingMedia("image", str(image), "image/png", 9, alt_text="Flooded high street"),
            OutgoingMedia("video", str(video), "video/mp4", 8),
        ),
    )
    adapter.publish(connection, post)
    status = fake.live_statuses()[0]
    descriptions = [m["description"] for m in status["media_attachments"]]
    assert descriptions == ["Flooded high street", None]
    assert all(m["url"] for m in status["media_attachments"])


def test_first_comment_is_a_reply() -> None:
    fake, adapter, connection, _ = _setup()
    published = adapter.publish(
        connection, OutgoingPost(text="Main", idempotency_key="k-4", first_comment="More info")
    )
    reply = fake.statuses[published.first_comment_remote_id]
    assert reply["in_reply_to_id"] == published.remote_id


def test_errors_map_to_the_taxonomy() -> None:
    _, adapter, connection, _ = _setup(plan=FaultPlan(rates={"server_error": 1.0}))
    with pytest.raises(Transient):
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="a"))
    _, adapter, connection, _ = _setup(plan=FaultPlan(rates={"rate_limited": 1.0}, retry_after=42))
    with pytest.raises(RateLimited) as limited:
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="b"))
    assert limited.value.retry_after == 42
    fake, adapter, connection, _ = _setup(plan=FaultPlan(rates={"timeout_after_accept": 1.0}))
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, OutgoingPost(text="lost answer", idempotency_key="c"))
    # Read back: it is there.
    found = adapter.find_published(
        connection, OutgoingPost(text="lost answer", idempotency_key="c")
    )
    assert found is not None
    assert found.remote_id == fake.live_statuses()[0]["id"]
    _, adapter, connection, _ = _setup()
    with pytest.raises(Permanent, match="500"):
        adapter.publish(connection, OutgoingPost(text="x" * 600, idempotency_key="d"))


def test_revoked_token_is_refreshed_with_the_refresh_token() -> None:
    fake, adapter, connection, account = _setup()
    fake.revoke(token=account["access_token"])
    with pytest.raises(AuthExpired):
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="e"))
    refreshed = adapter.refresh(connection)
    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    assert adapter.publish(renewed, OutgoingPost(text="x", idempotency_key="e")).remote_id
    # A used refresh token cannot be used again.
    with pytest.raises(AuthExpired):
        adapter.refresh(connection)


def test_rate_limit_headers_are_read() -> None:
    _fake, adapter, connection, _ = _setup(FakeMastodon(rate_limit=2))
    adapter.publish(connection, OutgoingPost(text="1", idempotency_key="r1"))
    state = adapter.last_rate_limit()
    assert state.remaining == 1
    assert state.reset_at is not None
    adapter.publish(connection, OutgoingPost(text="2", idempotency_key="r2"))
    with pytest.raises(RateLimited):
        adapter.publish(connection, OutgoingPost(text="3", idempotency_key="r3"))


def test_delete_metrics_health_and_recent() -> None:
    fake, adapter, connection, _ = _setup()
    published = adapter.publish(connection, OutgoingPost(text="Tidy up", idempotency_key="m"))
    assert adapter.metrics(connection, published.remote_id).likes == 0
    assert [p.text for p in adapter.recent_posts(connection)] == ["Tidy up"]
    assert adapter.health(connection).ok
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)  # already gone is fine
    assert fake.live_statuses() == []
    assert (
        adapter.find_published(connection, OutgoingPost(text="Tidy up", idempotency_key="m"))
        is None
    )
