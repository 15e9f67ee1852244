"""Each network's replies and moderation modules against fakes answering in the documented
shapes: the right endpoint and body, read-back of a reply whose answer was lost, hide/delete."""

from __future__ import annotations

import httpx
import pytest
import time_machine

from herald.channels.adapters import registry
from herald.channels.adapters.base import Connection, OutgoingPost, Permanent
from herald.channels.fakes.bluesky import FakeBluesky
from herald.inbox.tests.replies.fake_networks import FakeComments

NETWORKS = {
    "facebook_page": ("facebook", "https://graph.facebook.com"),
    "instagram": ("instagram", "https://graph.facebook.com"),
    "x": ("x", "https://api.x.com"),
    "youtube": ("youtube", "https://www.googleapis.com"),
    "mastodon": ("mastodon", "https://social.example"),
}


def _setup(network: str) -> tuple[FakeComments, object, Connection]:
    kind, base = NETWORKS[network]
    fake = FakeComments(network=kind)
    adapter = registry.adapter_for(network, httpx.Client(transport=httpx.MockTransport(fake)))
    connection = Connection(
        network=network,
        external_id=fake.me,
        base_url=base,
        credentials={"access_token": "t", "page_access_token": "t"},
        handle=fake.me,
    )
    return fake, adapter, connection


@pytest.mark.parametrize("network", sorted(NETWORKS))
@time_machine.travel("2026-12-07T08:05:00Z", tick=False)
def test_a_reply_goes_under_the_comment_and_can_be_read_back(network: str) -> None:
    fake, adapter, connection = _setup(network)
    comment = fake.resident_comment()
    reply = OutgoingPost(text="We collect on Tuesday.", idempotency_key="k-1", in_reply_to=comment)

    assert getattr(adapter, "supports_replies", False)
    sent = adapter.publish(connection, reply)  # type: ignore[attr-defined]
    found = adapter.find_published(connection, reply)  # type: ignore[attr-defined]

    assert [c.text for c in fake.replies_to(comment)] == ["We collect on Tuesday."]
    assert found is not None
    assert found.remote_id == sent.remote_id
    other = OutgoingPost(text="Something else", idempotency_key="k-2", in_reply_to=comment)
    assert adapter.find_published(connection, other) is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("network", ["facebook_page", "instagram", "youtube", "x"])
def test_hiding_and_unhiding_a_comment_uses_the_networks_own_call(network: str) -> None:
    fake, adapter, connection = _setup(network)
    comment = fake.resident_comment("Threatening words")
    adapter.hide(connection, comment, hidden=True)  # type: ignore[attr-defined]
    hidden = fake.comments[comment]
    assert hidden.hidden or hidden.status == "heldForReview"
    adapter.hide(connection, comment, hidden=False)  # type: ignore[attr-defined]
    assert not hidden.hidden
    assert hidden.status == "published"


@pytest.mark.parametrize("network", ["facebook_page", "instagram", "youtube"])
def test_deleting_a_comment_where_the_api_allows_it(network: str) -> None:
    fake, adapter, connection = _setup(network)
    comment = fake.resident_comment("Abuse")
    adapter.delete_comment(connection, comment)  # type: ignore[attr-defined]
    gone = fake.comments[comment]
    assert gone.deleted or gone.status == "rejected"


def test_x_refuses_to_delete_another_persons_reply() -> None:
    fake, adapter, connection = _setup("x")
    comment = fake.resident_comment("Abuse")
    with pytest.raises(Permanent, match="hide it instead"):
        adapter.delete_comment(connection, comment)  # type: ignore[attr-defined]
    assert fake.calls == []


def test_mastodon_replies_carry_an_idempotency_key_so_a_retry_posts_once() -> None:
    fake, adapter, connection = _setup("mastodon")
    comment = fake.resident_comment()
    reply = OutgoingPost(text="Thanks", idempotency_key="same", in_reply_to=comment)
    first = adapter.publish(connection, reply)  # type: ignore[attr-defined]
    again = adapter.publish(connection, reply)  # type: ignore[attr-defined]
    assert first.remote_id == again.remote_id
    assert len(fake.replies_to(comment)) == 1
    assert not hasattr(adapter, "hide")  # Mastodon has no moderation of others' replies


def _bluesky(fake: FakeBluesky, handle: str) -> tuple[object, Connection]:
    user = fake.add_user(handle)
    adapter = registry.adapter_for("bluesky", httpx.Client(transport=httpx.MockTransport(fake)))
    connection = Connection(
        network="bluesky",
        external_id=user["handle"],
        base_url="https://pds.example",
        credentials={"identifier": user["handle"], "app_password": user["app_password"]},
    )
    session = adapter.refresh(connection)
    credentials = {**connection.credentials, **session.credentials}
    return adapter, Connection(**{**connection.__dict__, "credentials": credentials})


def test_bluesky_replies_point_at_the_parent_and_root_and_use_a_chosen_record_key() -> None:
    fake = FakeBluesky()
    resident, resident_connection = _bluesky(fake, "resident.bsky.social")
    council, council_connection = _bluesky(fake, "aldermoor.bsky.social")
    start = OutgoingPost(text="Why is the road closed?", idempotency_key="resident-1")
    asked = resident.publish(resident_connection, start)  # type: ignore[attr-defined]
    reply = OutgoingPost(
        text="Resurfacing until Friday.", idempotency_key="reply-1", in_reply_to=asked.remote_id
    )

    sent = council.publish(council_connection, reply)  # type: ignore[attr-defined]
    again = council.publish(council_connection, reply)  # type: ignore[attr-defined]
    found = council.find_published(council_connection, reply)  # type: ignore[attr-defined]

    assert sent.remote_id == again.remote_id
    assert found is not None
    assert found.remote_id == sent.remote_id
    mine = [r for r in fake.posts() if r["uri"] == sent.remote_id]
    assert len(mine) == 1
    refs = mine[0]["value"]["reply"]
    assert refs["parent"]["uri"] == asked.remote_id
    assert refs["root"]["uri"] == asked.remote_id
