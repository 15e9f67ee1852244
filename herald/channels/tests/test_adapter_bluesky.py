"""The Bluesky adapter against the stateful fake PDS."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from herald.channels.adapters.base import (
    AuthExpired,
    Connection,
    OutgoingMedia,
    OutgoingPost,
    RateLimited,
    Transient,
    UnknownOutcome,
)
from herald.channels.adapters.bluesky import B32, BlueskyAdapter, tid_for
from herald.channels.fakes.bluesky import FakeBluesky
from herald.channels.fakes.faults import FaultPlan, with_faults


def _setup(plan: FaultPlan | None = None):  # type: ignore[no-untyped-def]
    fake = FakeBluesky()
    user = fake.add_user("aldermoor.bsky.social")
    handler = with_faults(fake, plan) if plan else fake
    adapter = BlueskyAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    connection = Connection(
        network="bluesky",
        external_id=user["handle"],
        base_url="https://pds.example",
        credentials={"identifier": user["handle"], "app_password": user["app_password"]},
    )
    session = adapter.refresh(connection)  # no session yet: createSession with the app password
    connection = Connection(
        **{**connection.__dict__, "credentials": {**connection.credentials, **session.credentials}}
    )
    return fake, adapter, connection


def test_record_key_is_a_valid_tid_derived_from_the_idempotency_key() -> None:
    key = "7a4c3a0e-0000-4000-8000-000000000001"
    assert tid_for(key) == tid_for(key)
    assert tid_for(key) != tid_for(key + "x")
    tid = tid_for(key)
    assert len(tid) == 13
    assert set(tid) <= set(B32)
    assert tid[0] in "234567abcdefghij"


def test_publish_with_a_chosen_rkey_never_makes_two_records() -> None:
    fake, adapter, connection = _setup()
    post = OutgoingPost(
        text="Council tax bills are out", idempotency_key="k1", link="https://a.gov.uk"
    )
    first = adapter.publish(connection, post)
    again = adapter.publish(connection, post)  # refused as existing, answered from getRecord
    assert first.remote_id == again.remote_id
    assert len(fake.posts()) == 1
    assert first.remote_id.endswith(tid_for("k1"))
    assert first.url == f"https://bsky.app/profile/aldermoor.bsky.social/post/{tid_for('k1')}"
    record = fake.posts()[0]["value"]
    facet = record["facets"][0]
    assert (
        record["text"].encode()[facet["index"]["byteStart"] : facet["index"]["byteEnd"]]
        == b"https://a.gov.uk"
    )


def test_images_carry_alt_text(tmp_path: Path) -> None:
    fake, adapter, connection = _setup()
    image = tmp_path / "a.jpg"
    image.write_bytes(b"jpeg")
    adapter.publish(
        connection,
        OutgoingPost(
            text="Park reopens",
            idempotency_key="k2",
            media=(
                OutgoingMedia(
                    "image",
                    str(image),
                    "image/jpeg",
                    4,
                    alt_text="Children on swings",
                    width=4,
                    height=3,
                ),
            ),
        ),
    )
    embed = fake.posts()[0]["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert embed["images"][0]["alt"] == "Children on swings"
    assert embed["images"][0]["image"]["$type"] == "blob"


def test_timeout_after_accept_then_reconcile_by_get_record() -> None:
    _fake, adapter, connection = _setup(FaultPlan(rates={"timeout_after_accept": 1.0}))
    post = OutgoingPost(text="Lost answer", idempotency_key="k3")
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, post)
    found = adapter.find_published(connection, post)
    assert found is not None
    assert found.remote_id.endswith(tid_for("k3"))
    assert (
        adapter.find_published(connection, OutgoingPost(text="x", idempotency_key="other")) is None
    )


def test_expired_session_raises_auth_expired_and_refresh_renews_it() -> None:
    fake, adapter, connection = _setup()
    fake.expire(token=connection.credentials["accessJwt"])
    with pytest.raises(AuthExpired):
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="k4"))
    refreshed = adapter.refresh(connection)
    renewed = Connection(
        **{
            **connection.__dict__,
            "credentials": {**connection.credentials, **refreshed.credentials},
        }
    )
    assert adapter.publish(renewed, OutgoingPost(text="x", idempotency_key="k4")).remote_id


def test_faults_map_to_the_taxonomy() -> None:
    _, adapter, connection = _setup(FaultPlan(rates={"server_error": 1.0}))
    with pytest.raises(Transient):
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="k5"))
    _, adapter, connection = _setup(FaultPlan(rates={"rate_limited": 1.0}, retry_after=7))
    with pytest.raises(RateLimited) as limited:
        adapter.publish(connection, OutgoingPost(text="x", idempotency_key="k6"))
    assert limited.value.retry_after == 7


def test_first_comment_reply_delete_metrics_rate_headers() -> None:
    fake, adapter, connection = _setup()
    published = adapter.publish(
        connection, OutgoingPost(text="Main", idempotency_key="k7", first_comment="Details below")
    )
    replies = [p for p in fake.posts() if "reply" in p["value"]]
    assert replies[0]["value"]["reply"]["parent"]["uri"] == published.remote_id
    assert published.first_comment_remote_id == replies[0]["uri"]
    assert adapter.last_rate_limit().remaining is not None
    assert adapter.metrics(connection, published.remote_id).likes == 0
    assert len(adapter.recent_posts(connection)) == 2
    adapter.delete(connection, published.remote_id)
    assert (
        adapter.find_published(connection, OutgoingPost(text="Main", idempotency_key="k7")) is None
    )
    assert adapter.health(connection).ok
