"""The X adapter against the stateful fake and against recorded-shape samples."""

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
from herald.channels.adapters.x import XAdapter
from herald.channels.adapters.x.adapter import _match_key
from herald.channels.fakes.drill import drill
from herald.channels.fakes.x import FakeX

SAMPLES = Path(__file__).parent / "samples" / "x"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@pytest.fixture
def fake() -> FakeX:
    return FakeX()


@pytest.fixture
def connection(fake: FakeX) -> Connection:
    return Connection(
        network="x",
        external_id=fake.user_id,
        base_url="https://api.x.com",
        credentials=fake.credentials(),
        handle="aldermoorcc",
    )


@pytest.fixture
def adapter(fake: FakeX) -> XAdapter:
    return XAdapter(fake.client(), sleep=lambda _s: None)


def image(
    tmp_path: Path, name: str = "a.png", alt: str = "A gritter lorry at the depot"
) -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    return OutgoingMedia(
        kind="image", path=str(path), content_type="image/png", size_bytes=12, alt_text=alt
    )


def post(text: str = "Gritters are out tonight.", **kwargs: Any) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key="delivery-1", **kwargs)


def test_registered_under_its_key(fake: FakeX) -> None:
    assert isinstance(registry.adapter_for("x", fake.client()), XAdapter)


def test_publish_uploads_images_sets_alt_text_and_appends_the_link(
    fake: FakeX, connection: Connection, adapter: XAdapter, tmp_path: Path
) -> None:
    media = (image(tmp_path, "1.png", "First gritter"), image(tmp_path, "2.png", "Second gritter"))
    published = adapter.publish(
        connection, post(link="https://aldermoor.gov.uk/gritting", media=media)
    )

    assert len(fake.live_tweets) == 1
    tweet = fake.tweets[published.remote_id]
    assert tweet.text == "Gritters are out tonight.\n\nhttps://aldermoor.gov.uk/gritting"
    assert [fake.media[m].alt_text for m in tweet.media_ids] == ["First gritter", "Second gritter"]
    metadata_bodies = [
        json.loads(r.content) for r in fake.requests if r.url.path == "/2/media/metadata"
    ]
    assert [b["metadata"]["alt_text"]["text"] for b in metadata_bodies] == [
        "First gritter",
        "Second gritter",
    ]
    assert published.url == f"https://x.com/aldermoorcc/status/{published.remote_id}"


def test_video_goes_through_the_chunked_upload(
    fake: FakeX, connection: Connection, adapter: XAdapter, tmp_path: Path
) -> None:
    path = tmp_path / "v.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    video = OutgoingMedia(kind="video", path=str(path), content_type="video/mp4", size_bytes=12)
    published = adapter.publish(connection, post(media=(video,)))
    (media_id,) = fake.tweets[published.remote_id].media_ids
    assert fake.media[media_id].chunks == 1


def test_first_comment_is_a_reply_to_the_post(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    published = adapter.publish(connection, post(first_comment="Routes: aldermoor.gov.uk"))
    reply = fake.tweets[published.first_comment_remote_id]
    assert reply.in_reply_to == published.remote_id
    assert reply.text == "Routes: aldermoor.gov.uk"


def test_a_failed_first_comment_still_counts_as_published(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    fake.faults.add("server_error", method="POST", path="/2/tweets", skip=1)
    published = adapter.publish(connection, post(first_comment="More soon"))
    assert published.remote_id in fake.tweets
    assert published.first_comment_remote_id == ""


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
    fake: FakeX, connection: Connection, adapter: XAdapter, fault: str, error: type[AdapterError]
) -> None:
    fake.faults.add(fault, method="POST", path="/2/tweets")
    with pytest.raises(error):
        adapter.publish(connection, post())
    assert fake.live_tweets == []


def test_rate_limited_waits_until_the_reset_header(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    fake.faults.add("rate_limited", path="/2/tweets", retry_after=120)
    with pytest.raises(RateLimited) as caught:
        adapter.publish(connection, post())
    assert 110 <= caught.value.retry_after <= 121


def test_timeout_after_accept_is_unknown_then_reconciled_without_a_second_post(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    outgoing = post(link="https://aldermoor.gov.uk/gritting")
    fake.faults.add("timeout_after_accept", method="POST", path="/2/tweets")
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, outgoing)

    found = adapter.find_published(connection, outgoing)

    assert len(fake.live_tweets) == 1
    assert found is not None
    assert found.remote_id == fake.live_tweets[0].id


def test_find_published_is_none_when_nothing_went_out(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    adapter.publish(connection, post("Something else entirely"))
    assert adapter.find_published(connection, post()) is None


def test_find_published_ignores_the_same_text_from_long_ago(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    adapter.publish(connection, post())
    fake.live_tweets[0].created_at -= datetime.timedelta(days=7)
    assert adapter.find_published(connection, post()) is None


def test_duplicate_content_is_permanent(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    adapter.publish(connection, post())
    with pytest.raises(Permanent, match="duplicate"):
        adapter.publish(connection, post())
    assert len(fake.live_tweets) == 1


def test_validation_error_is_permanent(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    with pytest.raises(Permanent) as caught:
        adapter.publish(connection, post(""))
    assert caught.value.http_status == 400


def test_expired_token_then_refresh_rotates_both_tokens(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        adapter.publish(connection, post())

    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["access_token"] != connection.credentials["access_token"]
    assert refreshed.credentials["refresh_token"] != connection.credentials["refresh_token"]
    assert refreshed.expires_at is not None

    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    adapter.publish(renewed, post())
    assert len(fake.live_tweets) == 1
    # The old refresh token was single-use.
    with pytest.raises(AuthExpired):
        adapter.refresh(connection)


def test_rate_limit_headers_are_parsed(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    fake.bucket_limits["POST /2/tweets"] = (2, 900)
    adapter.publish(connection, post("one"))
    state = adapter.last_rate_limit()
    assert state.remaining == 1
    assert state.reset_at is not None
    assert state.extra["limit"] == 2
    adapter.publish(connection, post("two"))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(connection, post("three"))
    assert 800 < caught.value.retry_after <= 901
    assert len(fake.live_tweets) == 2


def test_delete_and_delete_again(fake: FakeX, connection: Connection, adapter: XAdapter) -> None:
    published = adapter.publish(connection, post())
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)  # already gone: not an error
    assert fake.live_tweets == []


def test_metrics_and_health(fake: FakeX, connection: Connection, adapter: XAdapter) -> None:
    published = adapter.publish(connection, post())
    metrics = adapter.metrics(connection, published.remote_id)
    assert (metrics.likes, metrics.comments, metrics.shares, metrics.impressions) == (7, 1, 2, 120)
    assert adapter.health(connection).ok
    fake.expire_tokens()
    health = adapter.health(connection)
    assert not health.ok
    assert "expired" in health.detail


def test_no_credential_reaches_an_error_or_a_log(
    fake: FakeX, connection: Connection, adapter: XAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = [connection.credentials["access_token"], connection.credentials["refresh_token"]]
    messages: list[str] = []
    for fault in ("server_error", "timeout_after_accept", "rate_limited", "token_expired"):
        fake.faults.add(fault, path="/2/tweets")
        with pytest.raises(AdapterError) as caught:
            adapter.publish(connection, post(f"Post {fault}", first_comment="c"))
        messages += [str(caught.value), caught.value.detail, repr(caught.value.args)]
    fake.faults.add("server_error", path="/2/tweets", skip=1)
    adapter.publish(connection, post("Comment fails", first_comment="c"))
    messages += [record.getMessage() for record in caplog.records]
    assert caplog.records  # the adapter did log
    for secret in secrets:
        assert not any(secret in message for message in messages)


# --- the documented shapes, served verbatim ---------------------------------------------------


def sample_adapter(routes: dict[tuple[str, str], tuple[int, str]]) -> XAdapter:
    def handler(request: httpx.Request) -> httpx.Response:
        status, name = routes[(request.method, request.url.path)]
        return httpx.Response(
            status,
            json=sample(name),
            headers={
                "x-rate-limit-limit": "900",
                "x-rate-limit-remaining": "899",
                "x-rate-limit-reset": "1796630400",
            },
        )

    return XAdapter(httpx.Client(transport=httpx.MockTransport(handler)))


CONNECTION = Connection(
    network="x",
    external_id="2244994945",
    base_url="https://api.x.com",
    credentials={
        "access_token": "sample-access",
        "refresh_token": "sample-refresh",
        "client_id": "c",
    },
)


def test_samples_recent_posts_and_reconciliation_through_tco_links() -> None:
    adapter = sample_adapter({("GET", "/2/users/2244994945/tweets"): (200, "user_tweets_200.json")})
    posts = adapter.recent_posts(CONNECTION)
    assert [p.remote_id for p in posts] == ["1861234567890123456", "1861234567890120999"]
    assert posts[0].created_at == datetime.datetime(2026, 12, 7, 5, 30, tzinfo=datetime.UTC)
    outgoing = post(
        "Bin collections move to Saturday this week.", link="https://aldermoor.gov.uk/bins"
    )
    found = match_at(adapter, outgoing)
    assert found == "1861234567890123456"
    assert adapter.last_rate_limit().reset_at == datetime.datetime(
        2026, 12, 7, 8, 0, tzinfo=datetime.UTC
    )


def match_at(adapter: XAdapter, outgoing: OutgoingPost) -> str | None:
    found = _support.match_recent(
        adapter.recent_posts(CONNECTION),
        [_support.composed_text(outgoing)],
        at=datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC),
        key=_match_key,
    )
    return found.remote_id if found else None


def test_samples_metrics_refresh_and_errors() -> None:
    adapter = sample_adapter(
        {
            ("GET", "/2/tweets/1861234567890123456"): (200, "tweet_public_metrics_200.json"),
            ("POST", "/2/oauth2/token"): (200, "oauth2_token_200.json"),
            ("POST", "/2/tweets"): (403, "duplicate_403.json"),
            ("GET", "/2/users/me"): (401, "unauthorized_401.json"),
        }
    )
    metrics = adapter.metrics(CONNECTION, "1861234567890123456")
    assert (metrics.likes, metrics.shares, metrics.comments, metrics.impressions) == (
        21,
        5,
        3,
        1530,
    )
    assert adapter.refresh(CONNECTION).credentials["access_token"] == "SAMPLE-ACCESS-TOKEN-NOT-REAL"
    with pytest.raises(Permanent, match="duplicate"):
        adapter.publish(CONNECTION, post())
    assert not adapter.health(CONNECTION).ok


def test_samples_invalid_grant_means_reconnect() -> None:
    adapter = sample_adapter({("POST", "/2/oauth2/token"): (400, "oauth2_invalid_grant_400.json")})
    with pytest.raises(AuthExpired):
        adapter.refresh(CONNECTION)


def test_samples_upload_and_create(tmp_path: Path) -> None:
    adapter = sample_adapter(
        {
            ("POST", "/2/media/upload"): (200, "media_upload_200.json"),
            ("POST", "/2/media/metadata"): (200, "media_metadata_200.json"),
            ("POST", "/2/tweets"): (201, "create_post_201.json"),
        }
    )
    published = adapter.publish(CONNECTION, post(media=(image(tmp_path),)))
    assert published.remote_id == "1861234567890123456"
    assert published.url == "https://x.com/i/web/status/1861234567890123456"


def test_an_unreadable_answer_after_the_post_went_out_is_unknown() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json={"unexpected": True})

    adapter = XAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(UnknownOutcome):
        adapter.publish(CONNECTION, post())


def test_an_unreadable_answer_before_the_post_is_permanent_or_transient(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/2/media/upload":
            return httpx.Response(200, json={"data": {}})
        return httpx.Response(200, text="<html>maintenance</html>")

    adapter = XAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(Permanent):
        adapter.publish(CONNECTION, post(media=(image(tmp_path),)))
    with pytest.raises(Transient):
        adapter.recent_posts(CONNECTION)


def test_a_missing_media_file_fails_before_any_request(
    fake: FakeX, connection: Connection, adapter: XAdapter, tmp_path: Path
) -> None:
    missing = OutgoingMedia(
        kind="image", path=str(tmp_path / "gone.png"), content_type="image/png", size_bytes=1
    )
    with pytest.raises(Permanent, match="media file"):
        adapter.publish(connection, post(media=(missing,)))
    assert fake.requests == []


def test_the_24_hour_user_cap_sets_the_wait() -> None:
    reset = int(datetime.datetime.now(datetime.UTC).timestamp()) + 5 * 3600

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429,
            json=sample("too_many_requests_429.json"),
            headers={
                "x-rate-limit-limit": "200",
                "x-rate-limit-remaining": "150",
                "x-rate-limit-reset": str(reset - 4 * 3600),
                "x-user-limit-24hour-limit": "100",
                "x-user-limit-24hour-remaining": "0",
                "x-user-limit-24hour-reset": str(reset),
            },
        )

    adapter = XAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(CONNECTION, post())
    assert 5 * 3600 - 10 < caught.value.retry_after <= 5 * 3600
    assert adapter.last_rate_limit().extra["user_24h_remaining"] == 0


def test_fault_drill_publishes_every_post_exactly_once(
    fake: FakeX, connection: Connection, adapter: XAdapter
) -> None:
    posts = [post(f"Drill post {n}", first_comment="More") for n in range(21)]
    report = drill(adapter, connection, posts, fake.faults, path="/2/tweets")
    assert report.failed == []
    assert report.reconciled == 3  # every timeout-after-accept was found, not re-sent
    assert set(report.errors) == {"Transient", "RateLimited", "AuthExpired", "UnknownOutcome"}
    texts = [t.text for t in fake.live_tweets if t.in_reply_to is None]
    assert sorted(texts) == sorted(p.text for p in posts)
