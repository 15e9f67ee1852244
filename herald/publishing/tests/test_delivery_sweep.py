"""The sweep against the Sandbox network: exactly once, outcomes to statuses, holds, leases."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import httpx
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.fakes.faults import FaultPlan, with_faults
from herald.channels.models import ChannelConnection, SandboxPost
from herald.channels.sandbox import protocol
from herald.channels.sandbox import service as sandbox
from herald.core.scheduling import registered_schedules
from herald.core.testing import ServiceFactory, UserFactory
from herald.estate.testing import make_account
from herald.publishing.delivery import sweep
from herald.publishing.delivery.testing import scheduled_post
from herald.publishing.models import Delivery, DeliveryAttempt, Hold, Post, SignOff

D = Delivery.Status
P = Post.Status
O = DeliveryAttempt.Outcome  # noqa: E741
NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def setup(personas):  # type: ignore[no-untyped-def]
    council = personas.council
    service = ServiceFactory(council=council)
    accounts = [make_account(council=council, service=service) for _ in range(2)]
    for account in accounts:
        channel_services.connect(council=council, account=account, network="sandbox", actor=SYSTEM)
    author = UserFactory(username="author")
    return council, accounts, author


@pytest.fixture
def travel() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


class Script:
    """A programmable front for the Sandbox: the next answers are queued faults."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and "/statuses" in request.url.path and self.queue:
            self.calls += 1
            kind = self.queue.pop(0)
            if kind == "503":
                return httpx.Response(503, json={"error": "down"})
            if kind == "429":
                return httpx.Response(429, headers={"Retry-After": "120"}, json={"error": "slow"})
            if kind == "422":
                return httpx.Response(422, json={"error": "Text too long"})
            if kind == "timeout_after":
                protocol.local_handler(request)
                raise httpx.ReadTimeout("lost")
            if kind == "timeout_before":
                raise httpx.ReadTimeout("lost")
            if kind == "expire":
                sandbox.expire_token(protocol.handle_of(request))
        return protocol.local_handler(request)


@pytest.fixture
def script() -> Iterator[Script]:
    fake = Script()
    with clients.use_transport("sandbox", httpx.MockTransport(fake)):
        yield fake


def _delivery(post: Post) -> Delivery:
    return Delivery.objects.get(variant__post=post)


@pytest.mark.django_db
def test_due_post_is_published_once_with_remote_id_and_url(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts, due_at=NOW)
    report = sweep.publish_due()
    assert report.published == 2
    post.refresh_from_db()
    assert post.status == P.PUBLISHED
    assert post.published_at is not None
    for delivery in Delivery.objects.filter(variant__post=post):
        assert delivery.status == D.PUBLISHED
        assert delivery.remote_id
        assert delivery.remote_url.startswith("http")
        assert delivery.attempts_made.get().outcome == O.PUBLISHED
    assert SandboxPost.objects.count() == 2
    again = sweep.publish_due()
    assert again.claimed == 0
    assert SandboxPost.objects.count() == 2


@pytest.mark.django_db
def test_not_yet_due_is_left_alone(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    scheduled_post(
        council=council,
        author=author,
        accounts=accounts[:1],
        due_at=NOW + datetime.timedelta(minutes=1),
    )
    assert sweep.publish_due().claimed == 0
    assert SandboxPost.objects.count() == 0


@pytest.mark.django_db
def test_claim_is_exactly_once(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    delivery = _delivery(post)
    stale = Delivery.objects.get(pk=delivery.pk)
    assert sweep.claim(delivery, worker="a", now=NOW) is True
    assert sweep.claim(stale, worker="b", now=NOW) is False


@pytest.mark.django_db
def test_transient_backs_off_then_publishes(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["503"]
    report = sweep.publish_due()
    delivery = _delivery(post)
    assert report.retrying == 1
    assert delivery.status == D.PENDING
    wait = (delivery.next_attempt_at - NOW).total_seconds()
    assert 24 <= wait <= 36  # 30 s with jitter
    assert sweep.publish_due().claimed == 0  # not before its time
    travel.shift(datetime.timedelta(seconds=40))
    sweep.publish_due()
    delivery.refresh_from_db()
    assert delivery.status == D.PUBLISHED
    assert list(delivery.attempts_made.values_list("outcome", flat=True)) == [
        O.TRANSIENT,
        O.PUBLISHED,
    ]


@pytest.mark.django_db
def test_transient_gives_up_after_max_attempts_with_a_reason(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["503"] * sweep.MAX_ATTEMPTS
    for _ in range(sweep.MAX_ATTEMPTS):
        sweep.publish_due()
        travel.shift(datetime.timedelta(hours=1))
    delivery = _delivery(post)
    post.refresh_from_db()
    assert delivery.status == D.FAILED
    assert "Gave up after 5 attempts" in delivery.last_error
    assert post.status == P.FAILED
    assert SandboxPost.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_honours_retry_after_for_the_connection(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    first = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    second = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["429"]
    report = sweep.publish_due()
    assert report.rate_limited >= 1
    connection = ChannelConnection.objects.get(account=accounts[0])
    assert connection.rate_limited_until == NOW + datetime.timedelta(seconds=120)
    # The other post to the same account waits for the reset too: no call was made for it.
    assert _delivery(second).status == D.PENDING
    assert SandboxPost.objects.count() == 0
    travel.shift(datetime.timedelta(seconds=121))
    sweep.publish_due()
    assert _delivery(first).status == D.PUBLISHED
    assert _delivery(second).status == D.PUBLISHED
    attempt = _delivery(first).attempts_made.first()
    assert attempt is not None
    assert attempt.retry_after_seconds == 120


@pytest.mark.django_db
def test_expired_token_is_refreshed_once_and_the_post_goes(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    before = ChannelConnection.objects.get(account=accounts[0]).credentials
    script.queue = ["expire"]
    sweep.publish_due()
    delivery = _delivery(post)
    assert delivery.status == D.PUBLISHED
    assert [a.outcome for a in delivery.attempts_made.all()] == [O.AUTH, O.PUBLISHED]
    connection = ChannelConnection.objects.get(account=accounts[0])
    assert connection.credentials != before
    assert connection.status == ChannelConnection.Status.CONNECTED


@pytest.mark.django_db
def test_refresh_refused_fails_and_expires_the_connection(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    connection = ChannelConnection.objects.get(account=accounts[0])
    connection.credentials = {"access_token": "x", "refresh_token": "wrong"}
    connection.save()
    sweep.publish_due()
    delivery = _delivery(post)
    assert delivery.status == D.FAILED
    assert "reconnect" in delivery.last_error
    connection.refresh_from_db()
    assert connection.status == ChannelConnection.Status.EXPIRED
    # Never the credentials in what is recorded.
    assert "wrong" not in delivery.last_error
    assert "wrong" not in connection.last_error


@pytest.mark.django_db
def test_permanent_error_fails_with_the_networks_reason(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["422"]
    sweep.publish_due()
    delivery = _delivery(post)
    assert delivery.status == D.FAILED
    assert "Text too long" in delivery.last_error


@pytest.mark.django_db
def test_timeout_after_accept_is_reconciled_not_resent(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["timeout_after"]
    report = sweep.publish_due()
    delivery = _delivery(post)
    assert delivery.status == D.PUBLISHED
    assert report.reconciled_found == 1
    assert SandboxPost.objects.count() == 1
    assert [a.outcome for a in delivery.attempts_made.all()] == [O.UNKNOWN, O.RECONCILED_FOUND]
    assert delivery.remote_id == str(SandboxPost.objects.get().public_id)


@pytest.mark.django_db
def test_timeout_before_accept_is_read_back_then_sent_again(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    script.queue = ["timeout_before"]
    report = sweep.publish_due()
    delivery = _delivery(post)
    assert report.reconciled_missing == 1
    assert delivery.status == D.PENDING
    travel.shift(datetime.timedelta(minutes=1))
    sweep.publish_due()
    delivery.refresh_from_db()
    assert delivery.status == D.PUBLISHED
    assert SandboxPost.objects.count() == 1


@pytest.mark.django_db
def test_dead_worker_lease_is_reconciled_never_blindly_resent(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    delivery = _delivery(post)
    # A worker claims it, reaches the network, and dies before recording anything.
    assert sweep.claim(delivery, worker="dead", now=NOW)
    conn = ChannelConnection.objects.get(account=accounts[0])
    adapter = clients.adapter("sandbox")
    adapter.publish(channel_services.as_connection(conn), sweep.outgoing_post(delivery))
    assert sweep.publish_due().claimed == 0  # within the lease nobody touches it
    travel.shift(sweep.LEASE + datetime.timedelta(seconds=1))
    report = sweep.publish_due()
    delivery.refresh_from_db()
    assert report.lease_expired == 1
    assert delivery.status == D.PUBLISHED
    assert SandboxPost.objects.count() == 1


@pytest.mark.django_db
def test_emergency_hold_stops_it_before_the_network(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    Hold.objects.create(
        council=council,
        kind=Hold.Kind.EMERGENCY,
        reason="Major incident",
        starts_at=NOW - datetime.timedelta(minutes=1),
        started_by=author,
    )
    report = sweep.publish_due()
    assert report.held == 1
    post.refresh_from_db()
    assert _delivery(post).status == D.HELD
    assert post.status == P.HELD
    assert post.held_by is not None
    assert SandboxPost.objects.count() == 0


@pytest.mark.django_db
def test_mourning_lets_allowed_category_with_sign_off_through(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    hold = Hold.objects.create(
        council=council,
        kind=Hold.Kind.MOURNING,
        reason="National mourning",
        allowed_categories=[Post.Category.PUBLIC_SAFETY],
        starts_at=NOW - datetime.timedelta(minutes=1),
        started_by=author,
    )
    hold.accounts.add(accounts[0])
    general = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    safety = scheduled_post(
        council=council,
        author=author,
        accounts=accounts[:1],
        due_at=NOW,
        category=Post.Category.PUBLIC_SAFETY,
    )
    unsigned = scheduled_post(
        council=council,
        author=author,
        accounts=accounts[:1],
        due_at=NOW,
        category=Post.Category.PUBLIC_SAFETY,
    )
    SignOff.objects.create(
        post=safety, revision=1, kind=SignOff.Kind.MOURNING, officer=author, note="Flood warning"
    )
    other_account = scheduled_post(
        council=council, author=author, accounts=accounts[1:], due_at=NOW
    )
    sweep.publish_due()
    assert _delivery(general).status == D.HELD
    assert _delivery(unsigned).status == D.HELD
    assert _delivery(safety).status == D.PUBLISHED
    assert _delivery(other_account).status == D.PUBLISHED


@pytest.mark.django_db
def test_unconnected_account_fails_with_a_reason(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=NOW)
    channel_services.disconnect(
        connection=ChannelConnection.objects.get(account=accounts[0]), actor=SYSTEM
    )
    sweep.publish_due()
    delivery = _delivery(post)
    assert delivery.status == D.FAILED
    assert "not connected" in delivery.last_error


@pytest.mark.django_db
def test_first_comment_follows_the_post(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(
        council=council,
        author=author,
        accounts=accounts[:1],
        due_at=NOW,
        first_comment="More at aldermoor.gov.uk",
    )
    sweep.publish_due()
    delivery = _delivery(post)
    reply = SandboxPost.objects.get(in_reply_to__isnull=False)
    assert reply.text == "More at aldermoor.gov.uk"
    assert delivery.first_comment_remote_id == str(reply.public_id)


@pytest.mark.django_db
def test_partial_failure_makes_the_post_failed(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    post = scheduled_post(council=council, author=author, accounts=accounts, due_at=NOW)
    script.queue = ["422"]
    sweep.publish_due()
    post.refresh_from_db()
    statuses = sorted(Delivery.objects.filter(variant__post=post).values_list("status", flat=True))
    assert statuses == [D.FAILED, D.PUBLISHED]
    assert post.status == P.FAILED


@pytest.mark.django_db
def test_faults_wrapper_and_command_print_json(setup, travel, capsys):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    scheduled_post(council=council, author=author, accounts=accounts, due_at=NOW)
    plan = FaultPlan(rates={"server_error": 1.0})
    with clients.use_transport(
        "sandbox", httpx.MockTransport(with_faults(protocol.local_handler, plan))
    ):
        call_command("publish_due")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert '"retrying": 2' in line
    assert plan.counts["server_error"] == 2


@pytest.mark.django_db
def test_periodic_job_is_registered() -> None:
    schedule = registered_schedules()["publishing.publish_due"]
    assert schedule.interval <= datetime.timedelta(minutes=1)
    assert timezone.now()


@pytest.mark.django_db
def test_two_workers_claiming_one_batch_send_each_delivery_once(setup, travel, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    posts = [
        scheduled_post(council=council, author=author, accounts=accounts, due_at=NOW, text=f"P{n}")
        for n in range(3)
    ]
    ids = list(Delivery.objects.values_list("pk", flat=True))
    report_a, report_b = sweep.SweepReport(), sweep.SweepReport()
    left_a = sweep.send_batch(ids, now=NOW, worker="a", report=report_a, adapters=sweep._Adapters())
    left_b = sweep.send_batch(ids, now=NOW, worker="b", report=report_b, adapters=sweep._Adapters())
    assert (report_a.claimed, report_b.claimed) == (6, 0)
    assert left_a == left_b == []
    assert SandboxPost.objects.count() == 6
    for post in posts:
        post.refresh_from_db()
        assert post.status == P.PUBLISHED
    changes = Delivery.objects.first().status_changes.values_list("to_status", flat=True)  # type: ignore[union-attr]
    assert list(changes) == [D.PENDING, D.PUBLISHING, D.PUBLISHED]


@pytest.mark.django_db
def test_publish_for_sends_a_post_that_falls_due_within_the_window(setup, script):  # type: ignore[no-untyped-def]
    council, accounts, author = setup
    due = timezone.now() + datetime.timedelta(seconds=1)
    post = scheduled_post(council=council, author=author, accounts=accounts[:1], due_at=due)
    report = sweep.publish_for(3.0)
    assert report.published == 1
    delivery = _delivery(post)
    assert delivery.published_at is not None
    assert delivery.published_at >= due
