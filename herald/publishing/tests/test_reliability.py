"""Reliability, as a test: 1,000 posts through the Sandbox and the fake Mastodon and Bluesky
servers while faults are injected at random (5xx, timeouts after the server accepted, 429 with
Retry-After, expired tokens) and a worker dies mid-publish. Every post must end published exactly
once, or failed/unconfirmed with a reason; duplicates are counted on the servers' side.

Time is moved with time-machine so backoffs and leases pass without waiting.
"""

from __future__ import annotations

import contextlib
import datetime
from collections import Counter

import httpx
import pytest
import time_machine

from herald.audit.services import SYSTEM
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.fakes.bluesky import FakeBluesky
from herald.channels.fakes.faults import FaultPlan, with_faults
from herald.channels.fakes.mastodon import FakeMastodon
from herald.channels.models import ChannelConnection, SandboxPost
from herald.channels.sandbox import protocol
from herald.channels.sandbox import service as sandbox
from herald.core.testing import CouncilFactory, ServiceFactory, UserFactory
from herald.estate.testing import make_account
from herald.publishing.delivery import sweep
from herald.publishing.delivery.testing import bulk_scheduled_posts
from herald.publishing.models import Delivery, DeliveryAttempt, Post

D = Delivery.Status
P = Post.Status
START = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)
POSTS = int(__import__("os").environ.get("RELIABILITY_POSTS", "1000"))
RATES = {
    "server_error": 0.06,
    "timeout_after_accept": 0.05,
    "rate_limited": 0.03,
    "token_expired": 0.02,
}


def _sandbox_expire(request: httpx.Request) -> None:
    sandbox.expire_token(protocol.handle_of(request))


@pytest.mark.django_db(transaction=False)
def test_a_thousand_posts_with_faults_none_twice_none_lost() -> None:  # noqa: PLR0912, PLR0915 - one scenario end to end
    council = CouncilFactory(slug="reliability")
    service = ServiceFactory(council=council)
    author = UserFactory(username="reliability-author")
    mastodon, bluesky = FakeMastodon(), FakeBluesky()
    plans = {
        "sandbox": FaultPlan(rates=RATES, seed=11, expire=_sandbox_expire),
        "mastodon": FaultPlan(rates=RATES, seed=12, expire=mastodon.revoke),
        "bluesky": FaultPlan(rates=RATES, seed=13, expire=bluesky.expire),
    }
    transports = {
        "sandbox": httpx.MockTransport(with_faults(protocol.local_handler, plans["sandbox"])),
        "mastodon": httpx.MockTransport(with_faults(mastodon, plans["mastodon"])),
        "bluesky": httpx.MockTransport(with_faults(bluesky, plans["bluesky"])),
    }
    with contextlib.ExitStack() as stack:
        traveller = stack.enter_context(time_machine.travel(START, tick=False))
        for network, transport in transports.items():
            stack.enter_context(clients.use_transport(network, transport))

        # Nine accounts, three on each network.
        accounts = []
        remote_ids: dict[int, str] = {}
        for n in range(9):
            account = make_account(council=council, service=service, handle=f"Reliable{n}")
            network = ("sandbox", "mastodon", "bluesky")[n % 3]
            if network == "sandbox":
                channel_services.connect(
                    council=council, account=account, network="sandbox", actor=SYSTEM
                )
            elif network == "mastodon":
                made = mastodon.add_account(f"reliable{n}")
                channel_services.connect(
                    council=council,
                    account=account,
                    network="mastodon",
                    actor=SYSTEM,
                    base_url=mastodon.host,
                    external_id=made["id"],
                    credentials={
                        "access_token": made["access_token"],
                        "refresh_token": made["refresh_token"],
                    },
                )
            else:
                user = bluesky.add_user(f"reliable{n}.bsky.social")
                channel_services.connect(
                    council=council,
                    account=account,
                    network="bluesky",
                    actor=SYSTEM,
                    base_url="https://pds.example",
                    external_id=user["did"],
                    credentials={"identifier": user["did"], "app_password": user["app_password"]},
                )
                remote_ids[account.pk] = user["did"]
            accounts.append(account)

        bulk_scheduled_posts(
            council=council,
            author=author,
            plan=[
                (
                    accounts[i % len(accounts)],
                    START + datetime.timedelta(seconds=i % 60),
                    f"Reliability post number {i}",
                )
                for i in range(POSTS)
            ],
        )

        # A worker claims 20 deliveries and dies: half after its request reached the network
        # (the post is out but nothing was recorded), half before calling it.
        traveller.shift(datetime.timedelta(minutes=1))
        doomed = list(Delivery.objects.order_by("id")[:20])
        for n, delivery in enumerate(doomed):
            assert sweep.claim(delivery, worker="doomed-worker", now=START)
            if n % 2 == 0:
                connection = ChannelConnection.objects.get(account_id=delivery.account_id)
                with contextlib.suppress(Exception):
                    clients.adapter(connection.network, base_url=connection.base_url).publish(
                        channel_services.as_connection(connection), sweep.outgoing_post(delivery)
                    )

        totals: Counter[str] = Counter()
        for _ in range(60):
            report = sweep.publish_due()
            totals.update({k: v for k, v in report.as_dict().items() if isinstance(v, int)})
            assert report.errors == []
            open_ = Delivery.objects.filter(status__in=[D.PENDING, D.PUBLISHING]).count()
            unconfirmed = Delivery.objects.filter(status=D.UNCONFIRMED).count()
            if open_ == 0 and unconfirmed == 0:
                break
            traveller.shift(datetime.timedelta(minutes=3))

    deliveries = list(Delivery.objects.select_related("variant", "variant__post", "account"))
    assert len(deliveries) == POSTS
    statuses = Counter(d.status for d in deliveries)
    # Every post ended: published, or failed/unconfirmed with a reason.
    assert set(statuses) <= {D.PUBLISHED, D.FAILED, D.UNCONFIRMED}, statuses
    for delivery in deliveries:
        if delivery.status != D.PUBLISHED:
            assert delivery.last_error, delivery
        assert delivery.attempts_made.exists()

    # Count on the servers' side: the top-level posts each network holds, by text.
    on_servers: Counter[str] = Counter()
    remote_of: dict[str, set[str]] = {}
    for post in SandboxPost.objects.filter(in_reply_to__isnull=True, deleted_at__isnull=True):
        text = post.text
        on_servers[text] += 1
        remote_of.setdefault(text, set()).add(str(post.public_id))
    for status in mastodon.live_statuses():
        if not status["in_reply_to_id"]:
            on_servers[status["_text"]] += 1
            remote_of.setdefault(status["_text"], set()).add(status["id"])
    for record in bluesky.posts():
        if "reply" not in record["value"]:
            on_servers[record["value"]["text"]] += 1
            remote_of.setdefault(record["value"]["text"], set()).add(record["uri"])

    duplicates = {text: n for text, n in on_servers.items() if n > 1}
    assert duplicates == {}
    for delivery in deliveries:
        text = delivery.variant.text
        if delivery.status == D.PUBLISHED:
            # Published exactly once, and Herald recorded the very post the network holds.
            assert on_servers[text] == 1, text
            assert remote_of[text] == {delivery.remote_id}
            assert delivery.remote_url
            assert delivery.variant.post.status == P.PUBLISHED
        elif delivery.status == D.FAILED:
            # Failed means not on the network: nothing out there that Herald does not know of.
            assert on_servers[text] == 0, text
            assert delivery.variant.post.status == P.FAILED
    assert sum(on_servers.values()) <= statuses[D.PUBLISHED] + statuses[D.UNCONFIRMED]

    # The faults really happened, and the dead worker's claims were recovered.
    for plan in plans.values():
        assert all(plan.counts[kind] > 0 for kind in RATES), plan.counts
    assert totals["lease_expired"] == 20
    assert totals["reconciled_found"] > 0
    assert DeliveryAttempt.objects.filter(outcome=DeliveryAttempt.Outcome.AUTH).exists()
    # Most posts got out despite it all.
    reasons = Counter(d.last_error[:70] for d in deliveries if d.status != D.PUBLISHED)
    assert statuses[D.PUBLISHED] >= POSTS * 0.97, (statuses, reasons)
