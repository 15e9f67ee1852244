"""The Facebook Page adapter against the stateful fake Graph API and documented-shape samples."""

from __future__ import annotations

import datetime
import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

from herald.channels.adapters import _support, registry
from herald.channels.adapters.base import (
    AdapterError,
    AuthExpired,
    Connection,
    OutgoingMedia,
    OutgoingPost,
    Permanent,
    RateLimited,
    Transient,
    UnknownOutcome,
)
from herald.channels.adapters.facebook import FacebookPageAdapter
from herald.channels.adapters.facebook.graph import DEFAULT_GRAPH_API_VERSION
from herald.channels.fakes.drill import drill
from herald.channels.fakes.facebook import FakeFacebook

SAMPLES = Path(__file__).parent / "samples" / "facebook"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@pytest.fixture
def fake() -> FakeFacebook:
    return FakeFacebook()


@pytest.fixture
def connection(fake: FakeFacebook) -> Connection:
    return Connection(
        network="facebook_page",
        external_id=fake.page_id,
        base_url="https://graph.facebook.com",
        credentials=fake.credentials(with_user_token=True),
    )


@pytest.fixture
def adapter(fake: FakeFacebook) -> FacebookPageAdapter:
    return FacebookPageAdapter(fake.client())


def image(tmp_path: Path, name: str, alt: str) -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\xff\xd8\xff\xe0fakejpeg")
    return OutgoingMedia(
        kind="image", path=str(path), content_type="image/jpeg", size_bytes=12, alt_text=alt
    )


def post(text: str = "Our recycling centres are open this weekend.", **kwargs: Any) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key="delivery-7", **kwargs)


def test_registered_under_its_key(fake: FakeFacebook) -> None:
    assert isinstance(registry.adapter_for("facebook_page", fake.client()), FacebookPageAdapter)


def test_text_and_link_go_to_the_feed(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    published = adapter.publish(connection, post(link="https://aldermoor.gov.uk/recycling"))
    (stored,) = fake.live_posts
    assert published.remote_id == stored.id
    assert published.remote_id.startswith(f"{fake.page_id}_")
    assert (stored.message, stored.link) == (
        "Our recycling centres are open this weekend.",
        "https://aldermoor.gov.uk/recycling",
    )
    assert published.url == (
        f"https://www.facebook.com/{fake.page_id}/posts/{published.remote_id.split('_')[1]}"
    )


def test_one_photo_carries_its_alt_text(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(
        connection, post(media=(image(tmp_path, "a.jpg", "Staff at the Elm Road tip"),))
    )
    stored = fake.posts[published.remote_id]
    (photo_id,) = stored.photo_ids
    assert fake.photos[photo_id].alt_text_custom == "Staff at the Elm Road tip"
    assert stored.message == "Our recycling centres are open this weekend."


def test_several_photos_are_unpublished_uploads_attached_to_one_post(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter, tmp_path: Path
) -> None:
    media = (image(tmp_path, "a.jpg", "First bay"), image(tmp_path, "b.jpg", "Second bay"))
    published = adapter.publish(
        connection, post(media=media, link="https://aldermoor.gov.uk/recycling")
    )
    (stored,) = fake.live_posts
    assert stored.id == published.remote_id
    assert [fake.photos[p].alt_text_custom for p in stored.photo_ids] == ["First bay", "Second bay"]
    assert stored.message.endswith("https://aldermoor.gov.uk/recycling")
    feed_body = json.loads(next(r for r in fake.requests if r.url.path.endswith("/feed")).content)
    assert feed_body["attached_media"] == [{"media_fbid": p} for p in stored.photo_ids]


def test_video_post(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter, tmp_path: Path
) -> None:
    path = tmp_path / "v.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    video = OutgoingMedia(kind="video", path=str(path), content_type="video/mp4", size_bytes=12)
    published = adapter.publish(connection, post(media=(video,), video_title="Recycling"))
    assert fake.posts[published.remote_id].video_id in published.url


def test_first_comment(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    published = adapter.publish(connection, post(first_comment="Opening times: aldermoor.gov.uk"))
    comments = fake.posts[published.remote_id].comments
    assert comments == {published.first_comment_remote_id: "Opening times: aldermoor.gov.uk"}


def test_a_failed_first_comment_still_counts_as_published(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    fake.faults.add("server_error", path="/comments")
    published = adapter.publish(connection, post(first_comment="c"))
    assert fake.posts[published.remote_id].comments == {}
    assert published.first_comment_remote_id == ""


def test_the_graph_version_comes_from_settings(
    fake: FakeFacebook,
    connection: Connection,
    adapter: FacebookPageAdapter,
    settings: Any,
) -> None:
    adapter.publish(connection, post("one"))
    assert fake.versions == {DEFAULT_GRAPH_API_VERSION}
    settings.HERALD_GRAPH_API_VERSION = "v27.0"
    adapter.publish(connection, post("two"))
    assert fake.versions == {DEFAULT_GRAPH_API_VERSION, "v27.0"}


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("server_error", Transient),
        ("connect_error", Transient),
        ("rate_limited", RateLimited),
        ("token_expired", AuthExpired),
    ],
)
def test_faults_before_acceptance_create_nothing(
    fake: FakeFacebook,
    connection: Connection,
    adapter: FacebookPageAdapter,
    fault: str,
    error: type[AdapterError],
) -> None:
    fake.faults.add(fault, path="/feed")
    with pytest.raises(error):
        adapter.publish(connection, post())
    assert fake.live_posts == []


def test_throttling_waits_for_the_business_use_case_header(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    fake.faults.add("rate_limited", path="/feed", retry_after=600)
    with pytest.raises(RateLimited) as caught:
        adapter.publish(connection, post())
    assert caught.value.retry_after == 600
    assert adapter.last_rate_limit().remaining == 0


def test_usage_headers_are_parsed(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    fake.bucket_limits["page"] = (4, 3600)
    adapter.publish(connection, post("one"))
    state = adapter.last_rate_limit()
    assert state.remaining == 75
    assert state.extra["usage_percent"] == 25
    adapter.publish(connection, post("two"))
    adapter.publish(connection, post("three"))
    adapter.publish(connection, post("four"))
    with pytest.raises(RateLimited):
        adapter.publish(connection, post("five"))
    assert len(fake.live_posts) == 4


def test_timeout_after_accept_then_reconciled_with_exactly_one_post(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter, tmp_path: Path
) -> None:
    outgoing = post(media=(image(tmp_path, "a.jpg", "x"), image(tmp_path, "b.jpg", "y")))
    fake.faults.add("timeout_after_accept", path="/feed")
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, outgoing)
    found = adapter.find_published(connection, outgoing)
    assert len(fake.live_posts) == 1
    assert found is not None
    assert found.remote_id == fake.live_posts[0].id


def test_find_published_needs_the_exact_message(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    adapter.publish(connection, post("Our recycling centres are closed this weekend."))
    assert adapter.find_published(connection, post()) is None


def test_duplicate_and_validation_errors_are_permanent(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    adapter.publish(connection, post())
    with pytest.raises(Permanent, match="duplicate"):
        adapter.publish(connection, post())
    with pytest.raises(Permanent) as caught:
        adapter.publish(connection, post(""))
    assert caught.value.http_status == 400
    assert len(fake.live_posts) == 1


def test_refresh_exchanges_the_user_token_for_a_new_page_token(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["page_access_token"] != connection.credentials["page_access_token"]
    assert refreshed.expires_at is None  # Page tokens do not expire
    assert refreshed.refresh_expires_at is not None
    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    adapter.publish(renewed, post())
    assert len(fake.live_posts) == 1


def test_refresh_with_only_a_page_token_checks_it_and_reports_a_revoked_one(
    fake: FakeFacebook, adapter: FacebookPageAdapter
) -> None:
    connection = Connection(
        network="facebook_page",
        external_id=fake.page_id,
        base_url="https://graph.facebook.com",
        credentials=fake.credentials(),
    )
    assert adapter.refresh(connection).credentials == connection.credentials
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        adapter.refresh(connection)


def test_delete_metrics_and_health(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    published = adapter.publish(connection, post(first_comment="c"))
    metrics = adapter.metrics(connection, published.remote_id)
    assert (metrics.likes, metrics.comments, metrics.shares) == (12, 1, 3)
    assert (metrics.impressions, metrics.clicks) == (640, 31)
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)  # already gone
    assert fake.live_posts == []
    assert adapter.health(connection).ok
    fake.expire_tokens()
    assert not adapter.health(connection).ok


def test_no_credential_reaches_an_error_or_a_log(
    fake: FakeFacebook,
    connection: Connection,
    adapter: FacebookPageAdapter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    for fault in ("server_error", "timeout_after_accept", "rate_limited", "token_expired"):
        fake.faults.add(fault, path="/feed")
        with pytest.raises(AdapterError) as caught:
            adapter.publish(connection, post(f"Post {fault}"))
        messages += [str(caught.value), repr(caught.value.args)]
    fake.faults.add("server_error", path="/comments")
    adapter.publish(connection, post("Comment fails", first_comment="c"))
    adapter.refresh(connection)
    messages += [record.getMessage() for record in caplog.records]
    assert caplog.records
    for secret in _support.secrets_of(connection):
        assert not any(secret in message for message in messages)
    for request in fake.requests:  # secrets travel in headers and bodies, never in URLs
        assert not any(secret in str(request.url) for secret in _support.secrets_of(connection))


# --- the documented shapes, served verbatim ---------------------------------------------------

CONNECTION = Connection(
    network="facebook_page",
    external_id="104729853012345",
    base_url="https://graph.facebook.com",
    credentials={"page_access_token": "sample-page-token"},
)


def sample_adapter(routes: dict[tuple[str, str], tuple[int, str]]) -> FacebookPageAdapter:
    def handler(request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.path.split("/", 2)[2])
        status, name = routes[key]
        return httpx.Response(status, json=sample(name))

    return FacebookPageAdapter(httpx.Client(transport=httpx.MockTransport(handler)))


def test_samples_read_back_and_metrics() -> None:
    adapter = sample_adapter(
        {
            ("GET", "104729853012345/published_posts"): (200, "published_posts_200.json"),
            ("GET", "104729853012345_122100000000000123"): (200, "post_fields_200.json"),
            ("GET", "104729853012345_122100000000000123/insights"): (200, "post_insights_200.json"),
        }
    )
    posts = adapter.recent_posts(CONNECTION)
    assert posts[0].created_at == datetime.datetime(2026, 12, 7, 5, 30, 12, tzinfo=datetime.UTC)
    assert posts[1].text == ""  # a post without a message
    found = _support.match_recent(
        posts,
        ["Our recycling centres are open as usual this weekend."],
        at=datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC),
    )
    assert found is not None
    assert found.remote_id == "104729853012345_122100000000000123"
    metrics = adapter.metrics(CONNECTION, "104729853012345_122100000000000123")
    assert (
        metrics.likes,
        metrics.comments,
        metrics.shares,
        metrics.impressions,
        metrics.clicks,
    ) == (
        48,
        9,
        6,
        2210,
        87,
    )


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("token_expired_190.json", AuthExpired),
        ("throttled_32.json", RateLimited),
        ("duplicate_506.json", Permanent),
        ("transient_2.json", Transient),
    ],
)
def test_samples_error_codes(name: str, error: type[AdapterError]) -> None:
    status = 500 if name == "transient_2.json" else 400
    adapter = sample_adapter({("POST", "104729853012345/feed"): (status, name)})
    with pytest.raises(error):
        adapter.publish(CONNECTION, post())


def test_samples_publish_and_delete(tmp_path: Path) -> None:
    adapter = sample_adapter(
        {
            ("POST", "104729853012345/photos"): (200, "photo_published_200.json"),
            ("POST", "104729853012345_122100000000000203/comments"): (
                200,
                "comment_create_200.json",
            ),
            ("DELETE", "104729853012345_122100000000000123"): (400, "missing_object_100_33.json"),
        }
    )
    published = adapter.publish(
        CONNECTION, post(media=(image(tmp_path, "a.jpg", "alt"),), first_comment="c")
    )
    assert published.remote_id == "104729853012345_122100000000000203"
    assert published.first_comment_remote_id == "122100000000000123_122100000000000301"
    adapter.delete(CONNECTION, "104729853012345_122100000000000123")  # gone already: fine


def test_samples_token_exchange() -> None:
    adapter = sample_adapter(
        {
            ("POST", "oauth/access_token"): (200, "exchange_token_200.json"),
            ("GET", "104729853012345"): (200, "page_access_token_200.json"),
        }
    )
    connection = Connection(
        **{
            **CONNECTION.__dict__,
            "credentials": {
                "page_access_token": "old-page-token",
                "user_access_token": "old-user-token",
                "app_id": "1",
                "app_secret": "sample-secret",
            },
        }
    )
    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["page_access_token"] == "SAMPLE-PAGE-TOKEN"
    assert refreshed.credentials["user_access_token"] == "SAMPLE-LONG-LIVED-USER-TOKEN"


def test_fault_drill_publishes_every_post_exactly_once(
    fake: FakeFacebook, connection: Connection, adapter: FacebookPageAdapter
) -> None:
    posts = [post(f"Drill post {n}") for n in range(21)]
    report = drill(adapter, connection, posts, fake.faults, path="/feed")
    assert report.failed == []
    assert report.reconciled == 3
    assert set(report.errors) == {"Transient", "RateLimited", "AuthExpired", "UnknownOutcome"}
    assert sorted(p.message for p in fake.live_posts) == sorted(p.text for p in posts)
