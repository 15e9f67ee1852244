"""Reliability, as a test: 300 replies to residents' comments on the Sandbox while faults are
injected at random (timeouts before the request left, timeouts after the network accepted it,
5xx, 429 with Retry-After, expired tokens) and a worker dies mid-send. Every reply must end sent
exactly once under its comment, or visibly failed (or unconfirmed) with a reason. Duplicates are
counted on the network's side.

Time is moved with time-machine so backoffs and leases pass without waiting.
"""

from __future__ import annotations

import contextlib
import datetime
from collections import Counter

import httpx
import pytest
import time_machine

from herald.audit.services import Actor
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.fakes.faults import FaultPlan, Handler, with_faults
from herald.channels.models import ChannelConnection, SandboxPost
from herald.channels.sandbox import protocol
from herald.channels.sandbox import service as sandbox
from herald.core.testing import CouncilFactory, ServiceFactory, make_member
from herald.councils.roles import Role
from herald.inbox.models import Reply, ReplyAttempt
from herald.inbox.replies import outbox, services
from herald.inbox.tests.replies.factories import conversation, sandbox_account

R = Reply.Status
START = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)
REPLIES = 300
RATES = {
    "server_error": 0.07,
    "timeout_after_accept": 0.06,
    "rate_limited": 0.04,
    "token_expired": 0.02,
}
BEFORE_SENDING = 0.05


def _expire(request: httpx.Request) -> None:
    sandbox.expire_token(protocol.handle_of(request))


def _timeouts_before_sending(handler: Handler, rate: float, counts: Counter[str]) -> Handler:
    """A connect timeout before the request left: nothing reached the network."""
    import random  # noqa: PLC0415

    roll = random.Random(7)  # noqa: S311 - test faults, not security

    def faulty(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and "/token" not in request.url.path and roll.random() < rate:
            counts["timeout_before_send"] += 1
            raise httpx.ConnectTimeout("injected: no connection")
        return handler(request)

    return faulty


@pytest.mark.django_db
def test_replies_with_faults_each_sent_exactly_once_or_visibly_failed() -> None:  # noqa: PLR0915 - one scenario end to end
    council = CouncilFactory(slug="replies-reliability")
    service = ServiceFactory(council=council)
    editor = make_member(council=council, username="rel-editor", roles=(Role.EDITOR,))
    actor = Actor(user=editor.user)
    plan = FaultPlan(rates=RATES, seed=21, expire=_expire)
    before: Counter[str] = Counter()
    handler = _timeouts_before_sending(
        with_faults(protocol.local_handler, plan), BEFORE_SENDING, before
    )
    with contextlib.ExitStack() as stack:
        traveller = stack.enter_context(time_machine.travel(START, tick=False))
        stack.enter_context(clients.use_transport("sandbox", httpx.MockTransport(handler)))
        accounts = [sandbox_account(council=council, service=service) for _ in range(4)]
        replies = []
        with clients.use_transport("sandbox", protocol.LocalTransport()):  # seeding: no faults
            for n in range(REPLIES):
                thread = conversation(
                    council=council, account=accounts[n % 4], resident=f"resident{n}"
                )
                reply = services.start_reply(
                    conversation=thread.conversation,
                    text=f"Thanks for asking: reply number {n}.",
                    actor=actor,
                )
                services.submit_reply(reply=reply, actor=actor)
                replies.append(reply)

        # A worker claims 20 replies and dies: half after its request reached the network.
        doomed = replies[:20]
        for n, reply in enumerate(doomed):
            assert outbox.claim(reply, worker="doomed-worker")
            if n % 2 == 0:
                connection = ChannelConnection.objects.get(account_id=reply.conversation.account_id)
                with contextlib.suppress(Exception):
                    clients.adapter("sandbox").publish(
                        channel_services.as_connection(connection), outbox.outgoing_for(reply)
                    )

        totals: Counter[str] = Counter()
        for _ in range(80):
            report = outbox.send_due_replies()
            totals.update({k: v for k, v in report.as_dict().items() if isinstance(v, int)})
            assert report.errors == []
            left = Reply.objects.filter(status__in=[R.APPROVED, R.SENDING, R.UNCONFIRMED]).count()
            if left == 0:
                break
            traveller.shift(datetime.timedelta(minutes=3))

    found = list(Reply.objects.select_related("in_reply_to"))
    statuses = Counter(r.status for r in found)
    assert set(statuses) <= {R.SENT, R.FAILED, R.UNCONFIRMED}, statuses
    on_network = Counter(
        SandboxPost.objects.filter(in_reply_to__isnull=False, account__handle__startswith="inbox")
        .exclude(account__handle__startswith="resident")
        .values_list("idempotency_key", flat=True)
    )
    assert {key: n for key, n in on_network.items() if n > 1} == {}
    for reply in found:
        key = str(reply.idempotency_key)
        if reply.status == R.SENT:
            post = SandboxPost.objects.get(idempotency_key=key)
            assert str(post.public_id) == reply.remote_id
            assert post.in_reply_to is not None
            assert reply.in_reply_to is not None
            assert str(post.in_reply_to.public_id) == reply.in_reply_to.remote_id
        elif reply.status == R.FAILED:
            assert on_network[key] == 0, reply  # failed means not on the network
            assert reply.last_error
        else:
            assert reply.last_error
        assert reply.attempts_made.exists(), reply

    # The faults really happened, and the dead worker's claims were recovered by reading back.
    assert all(plan.counts[kind] > 0 for kind in RATES), plan.counts
    assert before["timeout_before_send"] > 0
    assert totals["lease_expired"] == len(doomed)
    assert totals["reconciled_found"] > 0
    assert ReplyAttempt.objects.filter(outcome="auth").exists()
    # Most get through: which reply meets which fault depends on the order claims come back in
    # (replies made in the same frozen second tie), so a few more or fewer use up their attempts.
    assert statuses[R.SENT] >= REPLIES * 0.9, statuses
