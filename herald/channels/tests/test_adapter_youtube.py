"""The YouTube adapter against the stateful fake and documented-shape samples."""

from __future__ import annotations

import datetime
import json
import logging
import zoneinfo
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
from herald.channels.adapters.youtube import YouTubeAdapter
from herald.channels.fakes.drill import drill
from herald.channels.fakes.youtube import FakeYouTube

SAMPLES = Path(__file__).parent / "samples" / "youtube"
VIDEO_BYTES = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@pytest.fixture
def fake() -> FakeYouTube:
    return FakeYouTube()


@pytest.fixture
def connection(fake: FakeYouTube) -> Connection:
    return Connection(
        network="youtube",
        external_id=fake.channel_id,
        base_url="https://www.googleapis.com",
        credentials=fake.credentials(),
    )


@pytest.fixture
def adapter(fake: FakeYouTube) -> YouTubeAdapter:
    return YouTubeAdapter(fake.client())


def video(tmp_path: Path, *, captions: bool = True) -> OutgoingMedia:
    path = tmp_path / "gritting.mp4"
    path.write_bytes(VIDEO_BYTES)
    captions_path = ""
    if captions:
        vtt = tmp_path / "gritting.vtt"
        vtt.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nWe grit 400 miles of road.\n")
        captions_path = str(vtt)
    return OutgoingMedia(
        kind="video",
        path=str(path),
        content_type="video/mp4",
        size_bytes=len(VIDEO_BYTES),
        captions_path=captions_path,
    )


def post(
    tmp_path: Path,
    text: str = "How Aldermoor decides which roads are gritted first.",
    **kwargs: Any,
) -> OutgoingPost:
    kwargs.setdefault("media", (video(tmp_path),))
    kwargs.setdefault("video_title", "Winter gritting: how we decide the routes")
    return OutgoingPost(text=text, idempotency_key="delivery-5", **kwargs)


def test_registered_under_its_key(fake: FakeYouTube) -> None:
    assert isinstance(registry.adapter_for("youtube", fake.client()), YouTubeAdapter)


def test_resumable_upload_with_metadata_captions_and_first_comment(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(
        connection,
        post(
            tmp_path,
            link="https://aldermoor.gov.uk/gritting",
            first_comment="Routes map: link above",
        ),
    )
    (stored,) = fake.live_videos
    assert published.remote_id == stored.id
    assert len(stored.id) == 11
    assert published.url == f"https://www.youtube.com/watch?v={stored.id}"
    assert stored.title == "Winter gritting: how we decide the routes"
    assert stored.description.endswith("https://aldermoor.gov.uk/gritting")
    assert stored.privacy == "public"
    assert stored.tags == ["herald-delivery-5"]
    assert stored.size == len(VIDEO_BYTES)
    (caption,) = stored.captions
    assert "We grit 400 miles of road." in caption["content"]
    assert caption["snippet"]["language"] == "en-GB"
    assert stored.comments == {published.first_comment_remote_id: "Routes map: link above"}
    assert adapter.last_rate_limit().extra["quota_units"] > 1600


def test_privacy_is_configurable(
    fake: FakeYouTube, connection: Connection, tmp_path: Path, settings: Any
) -> None:
    settings.HERALD_YOUTUBE_PRIVACY = "unlisted"
    YouTubeAdapter(fake.client()).publish(connection, post(tmp_path))
    YouTubeAdapter(fake.client(), privacy="private").publish(connection, post(tmp_path, "Second"))
    assert sorted(v.privacy for v in fake.live_videos) == ["private", "unlisted"]


def test_a_post_without_a_video_is_refused_before_any_call(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    with pytest.raises(Permanent):
        adapter.publish(connection, post(tmp_path, media=()))
    assert fake.requests == []


def test_a_lost_answer_is_recovered_from_the_upload_session(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    fake.faults.add("timeout_after_accept", method="PUT", path="/upload/youtube/v3/videos")
    published = adapter.publish(connection, post(tmp_path))
    assert [v.id for v in fake.live_videos] == [published.remote_id]


def test_a_partial_upload_is_resumed_from_the_range_header(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    fake.partial_uploads = 1
    fake.faults.add("server_error", method="PUT", path="/upload/youtube/v3/videos", skip=1)
    published = adapter.publish(connection, post(tmp_path))
    (stored,) = fake.live_videos
    assert stored.id == published.remote_id
    assert stored.size == len(VIDEO_BYTES)
    ranges = [r.headers.get("content-range", "") for r in fake.requests if r.method == "PUT"]
    assert any(r.startswith("bytes */") for r in ranges)
    assert any(r.startswith(f"bytes {len(VIDEO_BYTES) // 2}-") for r in ranges)


def test_timeout_after_accept_with_no_session_answer_is_unknown_then_reconciled(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    outgoing = post(tmp_path)
    fake.faults.add("timeout_after_accept", method="PUT", path="/upload/youtube/v3/videos", times=2)
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, outgoing)
    found = adapter.find_published(connection, outgoing)
    assert len(fake.live_videos) == 1
    assert found is not None
    assert found.remote_id == fake.live_videos[0].id
    other = OutgoingPost(text="Other", idempotency_key="delivery-6", video_title="Other")
    assert adapter.find_published(connection, other) is None


@pytest.mark.parametrize(
    "case",
    [
        ("server_error", Transient),
        ("connect_error", Transient),
        ("rate_limited", RateLimited),
        ("token_expired", AuthExpired),
    ],
)
def test_faults_before_the_upload_create_nothing(
    fake: FakeYouTube,
    connection: Connection,
    adapter: YouTubeAdapter,
    tmp_path: Path,
    case: tuple[str, type[AdapterError]],
) -> None:
    fault, error = case
    fake.faults.add(fault, method="POST", path="/upload/youtube/v3/videos", retry_after=45)
    with pytest.raises(error) as caught:
        adapter.publish(connection, post(tmp_path))
    assert fake.live_videos == []
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == 45


def test_quota_exceeded_waits_until_midnight_pacific(
    connection: Connection, tmp_path: Path
) -> None:
    fake = FakeYouTube(daily_units=1000)
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    adapter = YouTubeAdapter(fake.client())
    with pytest.raises(RateLimited) as caught:
        adapter.publish(connection, post(tmp_path))
    assert abs(caught.value.retry_after - _support.seconds_to_midnight(_pacific())) < 5
    assert adapter.last_rate_limit().remaining == 0
    assert fake.live_videos == []


def _pacific() -> datetime.tzinfo:
    return zoneinfo.ZoneInfo("America/Los_Angeles")


def test_invalid_metadata_is_permanent(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    with pytest.raises(Permanent) as caught:
        adapter.publish(connection, post(tmp_path, text="", video_title="<>"))
    assert caught.value.http_status == 400


def test_failed_captions_or_comment_never_unpublish_the_video(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    fake.faults.add("server_error", path="/captions")
    fake.faults.add("server_error", path="/commentThreads")
    published = adapter.publish(connection, post(tmp_path, first_comment="c"))
    (stored,) = fake.live_videos
    assert stored.id == published.remote_id
    assert stored.captions == []
    assert published.first_comment_remote_id == ""


def test_refresh_then_publish(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        adapter.publish(connection, post(tmp_path))
    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["access_token"].startswith("ya29.")
    assert refreshed.credentials["refresh_token"] == connection.credentials["refresh_token"]
    assert refreshed.expires_at is not None
    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    adapter.publish(renewed, post(tmp_path))
    fake.refresh_tokens.clear()  # revoked
    with pytest.raises(AuthExpired):
        adapter.refresh(renewed)


def test_delete_metrics_and_health(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(connection, post(tmp_path, first_comment="c"))
    metrics = adapter.metrics(connection, published.remote_id)
    assert (metrics.views, metrics.likes, metrics.comments) == (318, 12, 1)
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)
    assert fake.live_videos == []
    with pytest.raises(Permanent):
        adapter.metrics(connection, published.remote_id)
    assert adapter.health(connection).detail == "Aldermoor Council"
    fake.expire_tokens()
    assert not adapter.health(connection).ok


def test_no_credential_reaches_an_error_or_a_log(
    fake: FakeYouTube,
    connection: Connection,
    adapter: YouTubeAdapter,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    for fault in ("server_error", "rate_limited", "token_expired"):
        fake.faults.add(fault, method="POST", path="/upload/youtube/v3/videos")
        with pytest.raises(AdapterError) as caught:
            adapter.publish(connection, post(tmp_path, f"Post {fault}"))
        messages += [str(caught.value), repr(caught.value.args)]
    fake.faults.add("timeout_after_accept", method="PUT", path="/upload/youtube/v3/videos", times=2)
    with pytest.raises(UnknownOutcome) as unknown:
        adapter.publish(connection, post(tmp_path, "Lost"))
    messages.append(str(unknown.value))
    fake.faults.add("server_error", path="/captions")
    adapter.publish(connection, post(tmp_path, "Captions fail"))
    adapter.refresh(connection)
    messages += [record.getMessage() for record in caplog.records]
    assert caplog.records
    for secret in _support.secrets_of(connection):
        assert not any(secret in message for message in messages)
        assert not any(secret in str(request.url) for request in fake.requests)


# --- the documented shapes, served verbatim ---------------------------------------------------

CONNECTION = Connection(
    network="youtube",
    external_id="UCx9Ald3rm00rC0unc1lTube",
    base_url="https://www.googleapis.com",
    credentials={
        "access_token": "sample-token",
        "refresh_token": "sample-refresh",
        "client_id": "c",
        "client_secret": "sample-secret",
    },
)


def sample_adapter(
    routes: dict[tuple[str, str], tuple[int, str, dict[str, str]]],
) -> YouTubeAdapter:
    def handler(request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.path)
        if key == ("GET", "/youtube/v3/videos"):
            key = (request.method, f"{request.url.path}?part={request.url.params['part']}")
        status, name, headers = routes[key]
        if not name:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=sample(name), headers=headers)

    return YouTubeAdapter(httpx.Client(transport=httpx.MockTransport(handler)))


def test_samples_upload_and_captions(tmp_path: Path) -> None:
    session = "https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&upload_id=xa298sd_f"
    routes = {
        ("POST", "/upload/youtube/v3/videos"): (200, "", {"location": session}),
        ("PUT", "/upload/youtube/v3/videos"): (200, "video_resource_200.json", {}),
        ("POST", "/upload/youtube/v3/captions"): (200, "caption_resource_200.json", {}),
    }
    published = sample_adapter(routes).publish(CONNECTION, post(tmp_path))
    assert published.remote_id == "dQ7wK2pLm9A"
    assert published.published_at == datetime.datetime(2026, 12, 7, 5, 30, tzinfo=datetime.UTC)


def test_samples_reconciliation_by_marker_and_metrics(tmp_path: Path) -> None:
    adapter = sample_adapter(
        {
            ("GET", "/youtube/v3/channels"): (200, "channels_content_details_200.json", {}),
            ("GET", "/youtube/v3/playlistItems"): (200, "playlist_items_200.json", {}),
            ("GET", "/youtube/v3/videos?part=snippet"): (200, "videos_snippet_200.json", {}),
            ("GET", "/youtube/v3/videos?part=statistics"): (200, "videos_statistics_200.json", {}),
        }
    )
    recent = adapter.recent_posts(CONNECTION)
    assert recent[0].created_at == datetime.datetime(2026, 12, 7, 5, 30, tzinfo=datetime.UTC)
    # The sample is old by the time this runs; the herald-<key> tag still matches it exactly.
    found = adapter.find_published(CONNECTION, post(tmp_path, "A different description"))
    assert found is not None
    assert found.remote_id == "dQ7wK2pLm9A"
    stranger = OutgoingPost(text="x", idempotency_key="another", video_title="x")
    assert adapter.find_published(CONNECTION, stranger) is None
    metrics = adapter.metrics(CONNECTION, "dQ7wK2pLm9A")
    assert (metrics.views, metrics.likes, metrics.comments) == (2045, 87, 14)


@pytest.mark.parametrize(
    "case",
    [
        ("quota_exceeded_403.json", 403, RateLimited),
        ("auth_error_401.json", 401, AuthExpired),
        ("invalid_title_400.json", 400, Permanent),
    ],
)
def test_samples_errors(tmp_path: Path, case: tuple[str, int, type[AdapterError]]) -> None:
    name, status, error = case
    adapter = sample_adapter({("POST", "/upload/youtube/v3/videos"): (status, name, {})})
    with pytest.raises(error):
        adapter.publish(CONNECTION, post(tmp_path))


def test_samples_refresh() -> None:
    adapter = sample_adapter({("POST", "/token"): (200, "token_refresh_200.json", {})})
    assert adapter.refresh(CONNECTION).credentials["access_token"] == "SAMPLE-GOOGLE-ACCESS-TOKEN"
    failing = sample_adapter({("POST", "/token"): (400, "token_invalid_grant_400.json", {})})
    with pytest.raises(AuthExpired):
        failing.refresh(CONNECTION)


def test_a_missing_captions_file_fails_before_the_upload(
    fake: FakeYouTube, connection: Connection, adapter: YouTubeAdapter, tmp_path: Path
) -> None:
    media = video(tmp_path, captions=False)
    media = OutgoingMedia(**{**media.__dict__, "captions_path": str(tmp_path / "gone.vtt")})
    with pytest.raises(Permanent):
        adapter.publish(connection, post(tmp_path, media=(media,)))
    assert fake.requests == []


def test_fault_drill_publishes_every_video_exactly_once(
    connection: Connection, tmp_path: Path
) -> None:
    fake = FakeYouTube(daily_units=10**6)  # each upload costs 1,600 units; retries add up
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    adapter = YouTubeAdapter(fake.client())
    posts = [
        OutgoingPost(
            text=f"Drill video {n}",
            idempotency_key=f"drill-{n}",
            video_title=f"Drill {n}",
            media=(video(tmp_path, captions=False),),
        )
        for n in range(21)
    ]
    # The upload PUT: a lost answer there is recovered from the session, or reconciled by tag.
    report = drill(
        adapter, connection, posts, fake.faults, path="/upload/youtube/v3/videos", method="PUT"
    )
    assert report.failed == []
    assert {"Transient", "RateLimited", "AuthExpired"} <= set(report.errors)
    assert sorted(v.title for v in fake.live_videos) == sorted(p.video_title for p in posts)
