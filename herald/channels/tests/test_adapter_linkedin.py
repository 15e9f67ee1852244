"""The LinkedIn adapter against the stateful fake and documented-shape samples."""

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
from herald.channels.adapters.linkedin import LinkedInAdapter, linkedin_version
from herald.channels.adapters.linkedin.adapter import (
    DEFAULT_LINKEDIN_VERSION,
    escape_little_text,
)
from herald.channels.checks import linkedin_version_messages
from herald.channels.fakes.drill import drill
from herald.channels.fakes.linkedin import FakeLinkedIn

SAMPLES = Path(__file__).parent / "samples" / "linkedin"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


@pytest.fixture
def fake() -> FakeLinkedIn:
    return FakeLinkedIn()


@pytest.fixture
def connection(fake: FakeLinkedIn) -> Connection:
    return Connection(
        network="linkedin",
        external_id=fake.organization_id,
        base_url="https://api.linkedin.com",
        credentials=fake.credentials(),
    )


@pytest.fixture
def adapter(fake: FakeLinkedIn) -> LinkedInAdapter:
    return LinkedInAdapter(fake.client())


def image(tmp_path: Path, name: str, alt: str) -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    return OutgoingMedia(
        kind="image", path=str(path), content_type="image/png", size_bytes=12, alt_text=alt
    )


def post(
    text: str = "We are hiring: planning officers (two posts) #AldermoorJobs", **kwargs: Any
) -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key="delivery-9", **kwargs)


def test_registered_under_its_key(fake: FakeLinkedIn) -> None:
    assert isinstance(registry.adapter_for("linkedin", fake.client()), LinkedInAdapter)


def test_a_linkedin_version_near_retirement_is_a_system_check_warning(settings: Any) -> None:
    """LinkedIn sunsets each monthly version about a year after release: `herald check` warns
    ten months on, so a deployment moves forward before publishing breaks."""
    settings.HERALD_LINKEDIN_VERSION = "202611"
    assert linkedin_version_messages(today=datetime.date(2027, 6, 1)) == []
    (message,) = linkedin_version_messages(today=datetime.date(2027, 10, 1))
    assert message.id == "channels.W001"
    assert "202611" in message.msg
    settings.HERALD_LINKEDIN_VERSION = "latest"
    (message,) = linkedin_version_messages(today=datetime.date(2027, 6, 1))
    assert message.id == "channels.W002"


def test_the_version_header_comes_from_settings(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter, settings: Any
) -> None:
    adapter.publish(connection, post("one"))
    settings.HERALD_LINKEDIN_VERSION = "202612"
    assert linkedin_version() == "202612"
    adapter.publish(connection, post("two"))
    assert fake.versions == [DEFAULT_LINKEDIN_VERSION, "202612"]
    assert all(r.headers["x-restli-protocol-version"] == "2.0.0" for r in fake.requests)


def test_single_image_with_alt_text_and_urn_from_the_header(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter, tmp_path: Path
) -> None:
    published = adapter.publish(
        connection, post(media=(image(tmp_path, "a.png", "Planning team at the Civic Centre"),))
    )
    (stored,) = fake.live_posts
    assert published.remote_id == stored.urn
    assert published.remote_id.startswith("urn:li:share:")
    assert published.url == f"https://www.linkedin.com/feed/update/{stored.urn}/"
    media = stored.content["media"]
    assert media["altText"] == "Planning team at the Civic Centre"
    assert fake.assets[media["id"]].uploaded
    assert stored.commentary == r"We are hiring: planning officers \(two posts\) \#AldermoorJobs"


def test_several_images_are_a_multi_image_post(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter, tmp_path: Path
) -> None:
    media = (image(tmp_path, "a.png", "First"), image(tmp_path, "b.png", "Second"))
    adapter.publish(connection, post(media=media, link="https://aldermoor.gov.uk/jobs"))
    (stored,) = fake.live_posts
    assert [i["altText"] for i in stored.content["multiImage"]["images"]] == ["First", "Second"]
    assert stored.commentary.endswith("https://aldermoor.gov.uk/jobs")


def test_a_link_without_images_is_an_article(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    adapter.publish(connection, post(link="https://aldermoor.gov.uk/jobs"))
    (stored,) = fake.live_posts
    assert stored.content["article"]["source"] == "https://aldermoor.gov.uk/jobs"
    assert stored.content["article"]["title"]


def test_video_upload_is_finalised_before_the_post(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter, tmp_path: Path
) -> None:
    path = tmp_path / "v.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    video = OutgoingMedia(kind="video", path=str(path), content_type="video/mp4", size_bytes=12)
    adapter.publish(connection, post(media=(video,), video_title="Working here"))
    (stored,) = fake.live_posts
    asset = fake.assets[stored.content["media"]["id"]]
    assert (asset.kind, asset.finalized, asset.size) == ("video", True, 12)


def test_first_comment(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    published = adapter.publish(connection, post(first_comment="Apply by 9 January"))
    assert list(fake.posts[published.remote_id].comments.values()) == ["Apply by 9 January"]
    assert published.first_comment_remote_id.startswith("urn:li:comment:(urn:li:share:")


@pytest.mark.parametrize(
    "case",
    [
        ("server_error", Transient),
        ("connect_error", Transient),
        ("rate_limited", RateLimited),
        ("token_expired", AuthExpired),
    ],
)
def test_faults_before_acceptance_create_nothing(
    fake: FakeLinkedIn,
    connection: Connection,
    adapter: LinkedInAdapter,
    case: tuple[str, type[AdapterError]],
) -> None:
    fault, error = case
    fake.faults.add(fault, method="POST", path="/rest/posts")
    with pytest.raises(error):
        adapter.publish(connection, post())
    assert fake.live_posts == []


def test_a_headerless_429_waits_until_midnight_utc(
    fake: FakeLinkedIn, connection: Connection
) -> None:
    fake = FakeLinkedIn(daily_posts=1)
    connection = Connection(**{**connection.__dict__, "credentials": fake.credentials()})
    adapter = LinkedInAdapter(fake.client())
    adapter.publish(connection, post("one"))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(connection, post("two"))
    expected = _support.seconds_to_midnight()
    assert abs(caught.value.retry_after - expected) < 5
    state = adapter.last_rate_limit()
    assert state.remaining == 0
    assert state.reset_at is not None
    assert (state.reset_at.hour, state.reset_at.minute) in {(0, 0), (23, 59)}
    assert len(fake.live_posts) == 1


def test_a_retry_after_header_wins_when_present() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, json=sample("too_many_requests_429.json"), headers={"retry-after": "42"}
        )

    adapter = LinkedInAdapter(httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(RateLimited) as caught:
        adapter.publish(CONNECTION, post())
    assert caught.value.retry_after == 42


def test_timeout_after_accept_then_reconciled_with_exactly_one_post(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter, tmp_path: Path
) -> None:
    outgoing = post(media=(image(tmp_path, "a.png", "alt"),))
    fake.faults.add("timeout_after_accept", method="POST", path="/rest/posts")
    with pytest.raises(UnknownOutcome):
        adapter.publish(connection, outgoing)
    found = adapter.find_published(connection, outgoing)
    assert len(fake.live_posts) == 1
    assert found is not None
    assert found.remote_id == fake.live_posts[0].urn
    assert adapter.find_published(connection, post("Something else")) is None


def test_duplicate_and_validation_errors_are_permanent(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    adapter.publish(connection, post())
    with pytest.raises(Permanent, match="duplicate"):
        adapter.publish(connection, post())
    with pytest.raises(Permanent) as caught:
        adapter.publish(connection, post(""))
    assert caught.value.http_status == 422


def test_refresh_keeps_the_refresh_token_and_its_fixed_lifetime(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    fake.expire_tokens()
    with pytest.raises(AuthExpired):
        adapter.publish(connection, post())
    refreshed = adapter.refresh(connection)
    assert refreshed.credentials["access_token"] != connection.credentials["access_token"]
    assert refreshed.credentials["refresh_token"] == connection.credentials["refresh_token"]
    assert refreshed.refresh_expires_at is not None
    renewed = Connection(**{**connection.__dict__, "credentials": refreshed.credentials})
    adapter.publish(renewed, post())
    assert len(fake.live_posts) == 1


def test_without_a_refresh_token_a_person_must_reconnect(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    bare = Connection(
        **{**connection.__dict__, "credentials": fake.credentials(with_refresh=False)}
    )
    with pytest.raises(AuthExpired, match="reconnect"):
        adapter.refresh(bare)


def test_delete_metrics_and_health(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    published = adapter.publish(connection, post(first_comment="c"))
    metrics = adapter.metrics(connection, published.remote_id)
    assert (
        metrics.impressions,
        metrics.likes,
        metrics.comments,
        metrics.shares,
        metrics.clicks,
    ) == (
        720,
        9,
        1,
        2,
        14,
    )
    adapter.delete(connection, published.remote_id)
    adapter.delete(connection, published.remote_id)
    assert fake.live_posts == []
    assert adapter.health(connection).detail.startswith("Aldermoor Council")
    fake.expire_tokens()
    assert not adapter.health(connection).ok


def test_no_credential_reaches_an_error_or_a_log(
    fake: FakeLinkedIn,
    connection: Connection,
    adapter: LinkedInAdapter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    for fault in ("server_error", "timeout_after_accept", "rate_limited", "token_expired"):
        fake.faults.add(fault, method="POST", path="/rest/posts")
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
        assert not any(secret in str(request.url) for request in fake.requests)


def test_little_text_escaping() -> None:
    assert escape_little_text("a (b) [c] {d} <e> @f #g *h _i ~j |k \\l") == (
        r"a \(b\) \[c\] \{d\} \<e\> \@f \#g \*h \_i \~j \|k \\l"
    )


# --- the documented shapes, served verbatim ---------------------------------------------------

CONNECTION = Connection(
    network="linkedin",
    external_id="urn:li:organization:2414183",
    base_url="https://api.linkedin.com",
    credentials={
        "access_token": "sample-token",
        "refresh_token": "sample-refresh",
        "client_id": "c",
        "client_secret": "sample-secret",
    },
)


def sample_adapter(
    routes: dict[tuple[str, str], tuple[int, str, dict[str, str]]],
) -> LinkedInAdapter:
    def handler(request: httpx.Request) -> httpx.Response:
        status, name, headers = routes[(request.method, request.url.path)]
        if not name:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=sample(name), headers=headers)

    return LinkedInAdapter(httpx.Client(transport=httpx.MockTransport(handler)))


def test_samples_image_post() -> None:
    adapter = sample_adapter(
        {
            ("POST", "/rest/images"): (200, "images_initialize_upload_200.json", {}),
            ("PUT", "/dms-uploads/sp/D4E10AQSampleImage/uploaded-image/0"): (201, "", {}),
            ("POST", "/rest/posts"): (201, "", {"x-restli-id": "urn:li:share:7271000000000000123"}),
        }
    )
    published = adapter.publish(CONNECTION, post())
    assert published.remote_id == "urn:li:share:7271000000000000123"


def test_samples_read_back_and_metrics() -> None:
    adapter = sample_adapter(
        {
            ("GET", "/rest/posts"): (200, "posts_by_author_200.json", {}),
            ("GET", "/rest/organizationalEntityShareStatistics"): (
                200,
                "share_statistics_200.json",
                {},
            ),
            ("GET", "/rest/organizations/2414183"): (200, "organization_200.json", {}),
        }
    )
    posts = adapter.recent_posts(CONNECTION)
    assert [p.remote_id for p in posts] == [
        "urn:li:share:7271000000000000123",
        "urn:li:ugcPost:7270900000000000456",
    ]
    assert posts[0].created_at == datetime.datetime(2026, 12, 7, 5, 30, 12, tzinfo=datetime.UTC)
    found = _support.match_recent(
        posts,
        [escape_little_text(post().text)],
        at=datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC),
    )
    assert found is not None
    assert found.remote_id == "urn:li:share:7271000000000000123"
    metrics = adapter.metrics(CONNECTION, "urn:li:share:7271000000000000123")
    assert (
        metrics.impressions,
        metrics.likes,
        metrics.comments,
        metrics.shares,
        metrics.clicks,
    ) == (
        1984,
        33,
        6,
        5,
        41,
    )
    assert adapter.health(CONNECTION).ok


@pytest.mark.parametrize(
    "case",
    [
        ("revoked_token_401.json", 401, AuthExpired),
        ("too_many_requests_429.json", 429, RateLimited),
        ("unprocessable_422.json", 422, Permanent),
        ("duplicate_422.json", 422, Permanent),
    ],
)
def test_samples_errors(case: tuple[str, int, type[AdapterError]]) -> None:
    name, status, error = case
    adapter = sample_adapter({("POST", "/rest/posts"): (status, name, {})})
    with pytest.raises(error):
        adapter.publish(CONNECTION, post())


def test_samples_refresh() -> None:
    adapter = sample_adapter(
        {("POST", "/oauth/v2/accessToken"): (200, "access_token_refresh_200.json", {})}
    )
    refreshed = adapter.refresh(CONNECTION)
    assert refreshed.credentials["access_token"] == "SAMPLE-LI-ACCESS-TOKEN"
    assert refreshed.refresh_expires_at is not None
    failing = sample_adapter(
        {("POST", "/oauth/v2/accessToken"): (400, "refresh_invalid_400.json", {})}
    )
    with pytest.raises(AuthExpired):
        failing.refresh(CONNECTION)


def test_fault_drill_publishes_every_post_exactly_once(
    fake: FakeLinkedIn, connection: Connection, adapter: LinkedInAdapter
) -> None:
    posts = [post(f"Drill post {n} (vacancies)") for n in range(21)]
    report = drill(adapter, connection, posts, fake.faults, path="/rest/posts")
    assert report.failed == []
    assert report.reconciled == 3
    assert set(report.errors) == {"Transient", "RateLimited", "AuthExpired", "UnknownOutcome"}
    assert sorted(p.commentary for p in fake.live_posts) == sorted(
        escape_little_text(p.text) for p in posts
    )
