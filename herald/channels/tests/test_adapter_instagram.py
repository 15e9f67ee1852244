"""The Instagram adapter against the stateful fake and documented-shape samples."""

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
from herald.channels.adapters.instagram import InstagramAdapter, settings_media_url
from herald.channels.fakes.drill import drill
from herald.channels.fakes.instagram import FakeInstagram

SAMPLES = Path(__file__).parent / "samples" / "instagram"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


def public_url(media: OutgoingMedia) -> str:
    return f"https://media.aldermoor.example/{Path(media.path).name}"


@pytest.fixture
def fake() -> FakeInstagram:
    return FakeInstagram()


@pytest.fixture
def connection(fake: FakeInstagram) -> Connection:
    return Connection(
        network="instagram",
        external_id=fake.ig_user_id,
        base_url="https://graph.instagram.com",
        credentials=fake.credentials(),
        handle="aldermoorcouncil",
    )


@pytest.fixture
def adapter(fake: FakeInstagram) -> InstagramAdapter:
    return InstagramAdapter(fake.client(), media_url=public_url, sleep=lambda _s: None)


def image(tmp_path: Path, name: str, alt: str) -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\xff\xd8\xff\xe0fakejpeg")
    return OutgoingMedia(
        kind="image", path=str(path), content_type="image/jpeg", size_bytes=12, alt_text=alt
    )


def post(
    tmp_path: Path, text: str = "Lights switch-on, Saturday 5pm.", **kwargs: Any
) -> OutgoingPost:
    kwargs.setdefault("media", (image(tmp_path, "a.jpg", "The Market Square tree lit up"),))
    return OutgoingPost(text=text, idempotency_key="delivery-3", **kwargs)


def test_registered_under_its_key(fake: FakeInstagram) -> None:
    assert isinstance(registry.adapter_for("instagram", fake.client()), InstagramAdapter)


def test_single_image_container_polled_then_published_with_alt_text(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(connection, post(tmp_path, link="https://aldermoor.gov.uk/lights"))
    (media,) = fake.live_media
    assert published.remote_id == media.id
    assert published.remote_id.isdigit()
    assert media.alt_texts == ["The Market Square tree lit up"]
    assert media.caption == "Lights switch-on, Saturday 5pm.\n\nhttps://aldermoor.gov.uk/lights"
    container = fake.containers[media.container_id]
    assert container.image_url == "https://media.aldermoor.example/a.jpg"
    assert container.status_code == "PUBLISHED"
    status_reads = [r for r in fake.requests if r.url.path.endswith(container.id)]
    assert len(status_reads) == 2  # IN_PROGRESS once, then FINISHED
    assert published.url.startswith("https://www.instagram.com/p/")


def test_several_images_make_a_carousel_with_alt_text_on_each_item(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    media = (image(tmp_path, "a.jpg", "Tree"), image(tmp_path, "b.jpg", "Crowd"))
    adapter.publish(connection, post(tmp_path, media=media))
    (published,) = fake.live_media
    assert published.media_type == "CAROUSEL"
    assert published.alt_texts == ["Tree", "Crowd"]
    bodies = [
        json.loads(r.content)
        for r in fake.requests
        if r.url.path.endswith("/media") and r.method == "POST"
    ]
    assert [b.get("alt_text") for b in bodies[:2]] == ["Tree", "Crowd"]
    assert bodies[2]["media_type"] == "CAROUSEL"


def test_first_comment(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(
        connection, post(tmp_path, first_comment="Road closures: link in bio")
    )
    assert fake.media[published.remote_id].comments == {
        published.first_comment_remote_id: "Road closures: link in bio"
    }


def test_a_post_without_media_is_refused_before_any_call(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter
) -> None:
    with pytest.raises(Permanent):
        adapter.publish(connection, OutgoingPost(text="Just words", idempotency_key="k"))
    assert fake.requests == []


def test_a_container_in_error_is_permanent_and_nothing_is_published(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    fake.fail_next_container = True
    with pytest.raises(Permanent, match="ERROR"):
        adapter.publish(connection, post(tmp_path))
    assert fake.live_media == []


def test_a_private_media_url_is_refused_by_the_network(
    fake: FakeInstagram, connection: Connection, tmp_path: Path
) -> None:
    adapter = InstagramAdapter(
        fake.client(), media_url=lambda m: "http://localhost/x.jpg", sleep=lambda _s: None
    )
    with pytest.raises(Permanent):
        adapter.publish(connection, post(tmp_path))


def test_a_container_still_processing_is_transient(connection: Connection, tmp_path: Path) -> None:
    fake = FakeInstagram(polls_until_finished=100)
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    adapter = InstagramAdapter(
        fake.client(), media_url=public_url, sleep=lambda _s: None, max_polls=3
    )
    with pytest.raises(Transient):
        adapter.publish(connection, post(tmp_path))
    assert fake.live_media == []


def test_a_builder_named_in_settings_is_used(settings: Any, tmp_path: Path) -> None:
    settings.HERALD_MEDIA_URL_BUILDER = f"{__name__}.public_url"
    assert (
        settings_media_url(image(tmp_path, "x.jpg", "alt"))
        == "https://media.aldermoor.example/x.jpg"
    )


def test_settings_media_url_needs_a_public_base(settings: Any, tmp_path: Path) -> None:
    media = image(tmp_path, "photo one.jpg", "alt")
    settings.HERALD_PUBLIC_MEDIA_BASE_URL = ""
    with pytest.raises(Permanent, match="HERALD_PUBLIC_MEDIA_BASE_URL"):
        settings_media_url(media)
    settings.HERALD_PUBLIC_MEDIA_BASE_URL = "https://media.aldermoor.example/"
    settings.MEDIA_ROOT = str(tmp_path)
    assert settings_media_url(media) == "https://media.aldermoor.example/photo%20one.jpg"


@pytest.mark.parametrize(
    "case",
    [
        ("server_error", Transient),
        ("connect_error", Transient),
        ("rate_limited", RateLimited),
        ("token_expired", AuthExpired),
    ],
)
def test_faults_on_media_publish_create_nothing(
    fake: FakeInstagram,
    connection: Connection,
    adapter: InstagramAdapter,
    tmp_path: Path,
    case: tuple[str, type[AdapterError]],
) -> None:
    fault, error = case
    fake.faults.add(fault, path="/media_publish", retry_after=90)
    with pytest.raises(error) as caught:
        adapter.publish(connection, post(tmp_path))
    assert fake.live_media == []
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == 90


def test_timeout_after_accept_then_reconciled_with_exactly_one_post(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    outgoing = post(tmp_path)
    fake.faults.add("timeout_after_accept", path="/media_publish")
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, outgoing)
    found = adapter.find_published(connection, outgoing)
    assert len(fake.live_media) == 1
    assert found is not None
    assert found.remote_id == fake.live_media[0].id
    assert adapter.find_published(connection, post(tmp_path, "Another caption")) is None


def test_the_publishing_quota_is_honoured(connection: Connection, tmp_path: Path) -> None:
    fake = FakeInstagram(quota_total=2)
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    adapter = InstagramAdapter(fake.client(), media_url=public_url, sleep=lambda _s: None)
    adapter.publish(connection, post(tmp_path, "one"))
    assert adapter.last_rate_limit().remaining == 1
    adapter.publish(connection, post(tmp_path, "two"))
    with pytest.raises(RateLimited):
        adapter.publish(connection, post(tmp_path, "three"))
    assert adapter.last_rate_limit().remaining == 0
    assert len(fake.live_media) == 2


def test_app_usage_header_is_parsed(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter
) -> None:
    adapter.health(connection)
    state = adapter.last_rate_limit()
    assert state.remaining == 88
    assert state.extra["x-app-usage"]["call_count"] == 12


def test_refresh_with_instagram_login(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["access_token"] != connection.credentials["access_token"]
    assert refreshed.expires_at is not None
    assert refreshed.expires_at > datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=59)
    fake.tokens[connection.credentials["access_token"]] = fake.clock() - datetime.timedelta(
        seconds=1
    )
    with pytest.raises(AuthExpired):
        adapter.publish(connection, post(tmp_path))
    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    adapter.publish(renewed, post(tmp_path))
    with pytest.raises(AuthExpired):
        adapter.refresh(connection)


def test_refresh_with_facebook_login_checks_the_token(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter
) -> None:
    facebook = Connection(**{**connection.__dict__, "base_url": "https://graph.facebook.com"})
    assert adapter.refresh(facebook).credentials == facebook.credentials
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        adapter.refresh(facebook)


def test_delete_metrics_and_health(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(connection, post(tmp_path, first_comment="c"))
    metrics = adapter.metrics(connection, published.remote_id)
    assert (
        metrics.likes,
        metrics.comments,
        metrics.views,
        metrics.impressions,
        metrics.shares,
    ) == (
        25,
        1,
        410,
        350,
        4,
    )
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)
    assert fake.live_media == []
    assert adapter.health(connection).ok


def test_no_credential_reaches_an_error_or_a_log(
    fake: FakeInstagram,
    connection: Connection,
    adapter: InstagramAdapter,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    for fault in ("server_error", "timeout_after_accept", "rate_limited", "token_expired"):
        fake.faults.add(fault, path="/media_publish")
        with pytest.raises(AdapterError) as caught:
            adapter.publish(connection, post(tmp_path, f"Post {fault}"))
        messages += [str(caught.value), repr(caught.value.args)]
    fake.faults.add("server_error", path="/comments")
    adapter.publish(connection, post(tmp_path, "Comment fails", first_comment="c"))
    adapter.refresh(connection)
    messages += [record.getMessage() for record in caplog.records]
    assert caplog.records
    secret = connection.credentials["access_token"]
    assert not any(secret in message for message in messages)
    assert not any(secret in str(request.url) for request in fake.requests)


# --- the documented shapes, served verbatim ---------------------------------------------------

CONNECTION = Connection(
    network="instagram",
    external_id="17841400008460056",
    base_url="https://graph.facebook.com",
    credentials={"access_token": "sample-token"},
)


def sample_adapter(routes: dict[tuple[str, str], list[tuple[int, str]]]) -> InstagramAdapter:
    def handler(request: httpx.Request) -> httpx.Response:
        queue = routes[(request.method, request.url.path.split("/", 2)[2])]
        status, name = queue.pop(0) if len(queue) > 1 else queue[0]
        return httpx.Response(status, json=sample(name))

    return InstagramAdapter(
        httpx.Client(transport=httpx.MockTransport(handler)),
        media_url=public_url,
        sleep=lambda _s: None,
    )


def publish_routes(publish: tuple[int, str]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    return {
        ("GET", "17841400008460056/content_publishing_limit"): [
            (200, "content_publishing_limit_200.json")
        ],
        ("POST", "17841400008460056/media"): [(200, "container_create_200.json")],
        ("GET", "17889615691921648"): [
            (200, "container_in_progress_200.json"),
            (200, "container_finished_200.json"),
        ],
        ("POST", "17841400008460056/media_publish"): [publish],
        ("GET", "17920238422030506"): [(200, "media_permalink_200.json")],
        ("POST", "17920238422030506/comments"): [(200, "comment_create_200.json")],
    }


def test_samples_two_step_publish(tmp_path: Path) -> None:
    adapter = sample_adapter(publish_routes((200, "media_publish_200.json")))
    published = adapter.publish(CONNECTION, post(tmp_path, first_comment="c"))
    assert published.remote_id == "17920238422030506"
    assert published.url == "https://www.instagram.com/p/DAbCdEfGhIj/"
    assert published.first_comment_remote_id == "17871234567890123"
    assert adapter.last_rate_limit().remaining == 46  # 50 - 3 used - this one


def test_samples_errors(tmp_path: Path) -> None:
    with pytest.raises(RateLimited):
        sample_adapter(publish_routes((400, "publish_limit_2207042.json"))).publish(
            CONNECTION, post(tmp_path)
        )
    with pytest.raises(AuthExpired):
        sample_adapter(publish_routes((400, "token_expired_190.json"))).publish(
            CONNECTION, post(tmp_path)
        )
    routes = publish_routes((200, "media_publish_200.json"))
    routes[("GET", "17889615691921648")] = [(200, "container_error_200.json")]
    with pytest.raises(Permanent, match="2207052"):
        sample_adapter(routes).publish(CONNECTION, post(tmp_path))
    routes = publish_routes((200, "media_publish_200.json"))
    routes[("GET", "17841400008460056/content_publishing_limit")] = [
        (200, "content_publishing_limit_full_200.json")
    ]
    with pytest.raises(RateLimited):
        sample_adapter(routes).publish(CONNECTION, post(tmp_path))


def test_samples_read_back_metrics_and_refresh() -> None:
    adapter = sample_adapter(
        {
            ("GET", "17841400008460056/media"): [(200, "user_media_200.json")],
            ("GET", "17920238422030506"): [(200, "media_fields_200.json")],
            ("GET", "17920238422030506/insights"): [(200, "media_insights_200.json")],
            ("GET", "17841400008460056"): [(200, "user_200.json")],
        }
    )
    posts = adapter.recent_posts(CONNECTION)
    assert posts[0].created_at == datetime.datetime(2026, 12, 7, 5, 30, 44, tzinfo=datetime.UTC)
    found = _support.match_recent(
        posts,
        ["Christmas lights switch-on in the Market Square, Saturday at 5pm."],
        at=datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC),
    )
    assert found is not None
    assert found.url == "https://www.instagram.com/p/DAbCdEfGhIj/"
    metrics = adapter.metrics(CONNECTION, "17920238422030506")
    assert (
        metrics.likes,
        metrics.comments,
        metrics.views,
        metrics.impressions,
        metrics.shares,
    ) == (
        61,
        4,
        1290,
        980,
        7,
    )
    assert adapter.health(CONNECTION).detail == "@aldermoorcouncil"

    def refresh_handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/refresh_access_token"
        return httpx.Response(200, json=sample("refresh_access_token_200.json"))

    refresher = InstagramAdapter(httpx.Client(transport=httpx.MockTransport(refresh_handler)))
    ig_login = Connection(**{**CONNECTION.__dict__, "base_url": "https://graph.instagram.com"})
    assert refresher.refresh(ig_login).credentials["access_token"] == "SAMPLE-IG-LONG-LIVED-TOKEN"


def test_fault_drill_publishes_every_post_exactly_once(
    fake: FakeInstagram, connection: Connection, adapter: InstagramAdapter, tmp_path: Path
) -> None:
    posts = [post(tmp_path, f"Drill post {n}") for n in range(21)]
    report = drill(adapter, connection, posts, fake.faults, path="/media_publish")
    assert report.failed == []
    assert report.reconciled == 3
    assert set(report.errors) == {"Transient", "RateLimited", "AuthExpired", "UnknownOutcome"}
    assert sorted(m.caption for m in fake.live_media) == sorted(p.text for p in posts)


def test_a_reel_is_given_longer_to_process(connection: Connection, tmp_path: Path) -> None:
    fake = FakeInstagram(polls_until_finished=10)
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    slept: list[float] = []
    adapter = InstagramAdapter(
        fake.client(), media_url=public_url, sleep=slept.append, max_polls=3, video_polls=20
    )
    path = tmp_path / "reel.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    reel = OutgoingMedia(kind="video", path=str(path), content_type="video/mp4", size_bytes=12)
    adapter.publish(connection, post(tmp_path, media=(reel,)))
    (media,) = fake.live_media
    assert media.media_type == "REELS"
    assert (
        fake.containers[media.container_id].video_url == "https://media.aldermoor.example/reel.mp4"
    )
    assert slept == [5.0] * 10  # ten reads IN_PROGRESS, the eleventh FINISHED
