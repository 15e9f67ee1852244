"""The outbox, one fault at a time: what each adapter error does to a reply, with the network
counted on its own side (the Sandbox)."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import httpx
import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from conftest import Personas
from herald.audit.services import Actor
from herald.channels import clients
from herald.channels.models import ChannelConnection, SandboxPost
from herald.channels.sandbox import protocol
from herald.channels.sandbox import service as sandbox
from herald.inbox.models import Reply
from herald.inbox.replies import outbox, services
from herald.inbox.tests.replies.factories import Thread

pytestmark = pytest.mark.django_db
R = Reply.Status
GOOD = "Thanks for asking: your bin will be collected on Tuesday."


class Script:
    """The Sandbox, with the next POSTs failing as scripted ("" lets one through)."""

    def __init__(self, *faults: str) -> None:
        self.faults = list(faults)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or "/token" in request.url.path or not self.faults:
            return protocol.local_handler(request)
        fault = self.faults.pop(0)
        if fault == "503":
            return httpx.Response(503, json={"error": "unavailable"})
        if fault == "429":
            return httpx.Response(429, headers={"Retry-After": "120"}, json={"error": "slow"})
        if fault == "422":
            return httpx.Response(422, json={"code": "too_long", "error": "Too long."})
        if fault == "expired":
            sandbox.expire_token(protocol.handle_of(request))
        if fault == "timeout_after":
            protocol.local_handler(request)
            raise httpx.ReadTimeout("answer lost")
        if fault == "connect_timeout":
            raise httpx.ConnectTimeout("no connection")
        return protocol.local_handler(request)


@pytest.fixture
def approved(personas: Personas, thread: Thread) -> Reply:
    actor = Actor(user=personas.editor.user)
    reply = services.start_reply(conversation=thread.conversation, text=GOOD, actor=actor)
    services.submit_reply(reply=reply, actor=actor)
    return reply


def _on_network(reply: Reply) -> int:
    return SandboxPost.objects.filter(idempotency_key=str(reply.idempotency_key)).count()


def test_a_5xx_backs_off_then_sends(approved: Reply) -> None:
    script = httpx.MockTransport(Script("503"))
    with (
        time_machine.travel(timezone.now(), tick=False) as clock,
        clients.use_transport("sandbox", script),
    ):
        assert outbox.send_due_replies().retrying == 1
        approved.refresh_from_db()
        assert approved.status == R.APPROVED
        assert approved.next_attempt_at is not None
        assert approved.next_attempt_at > timezone.now()
        assert outbox.send_due_replies().claimed == 0  # not before its time
        clock.shift(datetime.timedelta(minutes=1))
        assert outbox.send_due_replies().sent == 1
    assert [a.outcome for a in approved.attempts_made.all()] == ["transient", "sent"]
    assert _on_network(approved) == 1


def test_a_connect_timeout_before_sending_is_retried_not_read_back(approved: Reply) -> None:
    with clients.use_transport("sandbox", httpx.MockTransport(Script("connect_timeout"))):
        outbox.send_due_replies()
    approved.refresh_from_db()
    assert approved.status == R.APPROVED
    assert approved.attempts_made.get().outcome == "transient"


def test_a_429_waits_for_retry_after_and_the_connection_waits_too(approved: Reply) -> None:
    script = httpx.MockTransport(Script("429"))
    with (
        time_machine.travel(timezone.now(), tick=False) as clock,
        clients.use_transport("sandbox", script),
    ):
        assert outbox.send_due_replies().rate_limited == 1
        approved.refresh_from_db()
        connection = ChannelConnection.objects.get(account=approved.conversation.account)
        assert connection.rate_limited_until is not None
        assert approved.next_attempt_at == connection.rate_limited_until
        assert approved.attempts == 0  # a rate limit does not use up an attempt
        clock.shift(datetime.timedelta(seconds=121))
        assert outbox.send_due_replies().sent == 1


def test_a_timeout_after_sending_is_read_back_and_never_sent_twice(approved: Reply) -> None:
    with clients.use_transport("sandbox", httpx.MockTransport(Script("timeout_after"))):
        report = outbox.send_due_replies()
    approved.refresh_from_db()
    assert (report.unconfirmed, report.reconciled_found, report.sent) == (1, 1, 1)
    assert approved.status == R.SENT
    assert _on_network(approved) == 1
    assert [a.outcome for a in approved.attempts_made.all()] == ["unknown", "reconciled_found"]


def test_expired_credentials_are_refreshed_once_and_the_reply_goes(approved: Reply) -> None:
    with clients.use_transport("sandbox", httpx.MockTransport(Script("expired"))):
        assert outbox.send_due_replies().sent == 1
    assert [a.outcome for a in approved.attempts_made.all()] == ["auth", "sent"]


def test_a_refusal_fails_at_once_with_the_reason_and_a_person_can_retry(
    personas: Personas, approved: Reply
) -> None:
    with clients.use_transport("sandbox", httpx.MockTransport(Script("422"))):
        assert outbox.send_due_replies().failed == 1
    approved.refresh_from_db()
    assert approved.status == R.FAILED
    assert "Too long" in approved.last_error
    services.retry_reply(reply=approved, actor=Actor(user=personas.editor.user))
    assert outbox.send_due_replies().sent == 1
    assert _on_network(approved) == 1


def test_five_transient_errors_fail_the_reply_visibly(approved: Reply) -> None:
    script = httpx.MockTransport(Script(*["503"] * 5))
    with (
        time_machine.travel(timezone.now(), tick=False) as clock,
        clients.use_transport("sandbox", script),
    ):
        for _ in range(5):
            outbox.send_due_replies()
            clock.shift(datetime.timedelta(hours=1))
    approved.refresh_from_db()
    assert approved.status == R.FAILED
    assert approved.last_error.startswith("Gave up after 5 attempts")
    assert _on_network(approved) == 0


def test_a_worker_that_died_mid_send_leaves_it_to_be_read_back(approved: Reply) -> None:
    stale = Reply.objects.get(pk=approved.pk)  # a second worker read it at the same moment
    assert outbox.claim(approved, worker="dead")
    assert not outbox.claim(stale, worker="second")  # claimed once only
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        report = outbox.send_due_replies()
    approved.refresh_from_db()
    # Never reached the network: read back, not there, so sent again knowingly (same key).
    assert (report.lease_expired, report.reconciled_missing) == (1, 1)
    assert approved.status == R.APPROVED
    assert outbox.send_reply_now(approved.pk).sent == 0  # backoff first
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        assert outbox.send_due_replies().sent == 1
    assert _on_network(approved) == 1


@pytest.mark.parametrize("network", ["linkedin", "myspace"])
def test_a_network_herald_cannot_reply_on_fails_with_a_reason(
    approved: Reply, network: str
) -> None:
    ChannelConnection.objects.filter(account=approved.conversation.account).update(network=network)
    assert outbox.send_due_replies().errors == []
    approved.refresh_from_db()
    assert approved.status == R.FAILED
    assert f"cannot send replies on {network}" in approved.last_error
    assert _on_network(approved) == 0


def test_the_command_runs_one_pass_and_prints_json(approved: Reply) -> None:
    out = StringIO()
    call_command("send_replies", stdout=out)
    assert json.loads(out.getvalue())["sent"] == 1
    approved.refresh_from_db()
    assert approved.status == R.SENT
