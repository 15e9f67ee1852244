"""Polling the Sandbox through its API: residents' comments and messages become mentions, the
cursor moves on, a lapsed token opens a capture gap that the next good poll closes, and the
sweep claims each due source once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.channels.models import SandboxAccount
from herald.channels.sandbox import residents
from herald.channels.sandbox import service as sandbox
from herald.listening.models import CaptureGap, Mention, Source
from herald.listening.services.polling import claim_due_sources, poll_source
from herald.listening.services.sources import change_status
from herald.listening.tests.ingest.conftest import SandboxSetup

pytestmark = pytest.mark.django_db


def test_residents_comments_and_messages_become_mentions(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    comment = residents.add_comment(
        resident=s.resident, in_reply_to_id=str(s.post.public_id), text="When is my bin due?"
    )
    residents.send_message(resident=s.resident, to=s.account, text="My address is 4 Elm Road")
    result = poll_source(source_id=s.source.pk)
    assert result.ok
    assert result.ingested.inserted == 2
    by_kind = {m.kind: m for m in Mention.objects.filter(source=s.source)}
    assert by_kind["comment"].remote_id == str(comment.public_id)
    assert by_kind["comment"].thread_key == str(s.post.public_id)
    assert by_kind["comment"].account_id == s.connection.account_id
    assert by_kind["message"].author_handle == "jo-resident"
    assert all(m.network == "sandbox" for m in by_kind.values())
    s.source.refresh_from_db()
    assert s.source.cursor == {"since": comment.pk + 1}
    assert poll_source(source_id=s.source.pk).ingested.inserted == 0  # nothing new


def test_the_councils_own_replies_are_not_heard_as_residents(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    sandbox.create_post(
        s.account, text="Our reply", idempotency_key="r1", in_reply_to_id=str(s.post.public_id)
    )
    assert poll_source(source_id=s.source.pk).ingested.received == 0


def test_an_expired_token_is_renewed_once_and_the_poll_goes_on(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    residents.add_comment(resident=s.resident, in_reply_to_id=str(s.post.public_id), text="Hi")
    sandbox.expire_token(s.account.handle)
    assert poll_source(source_id=s.source.pk).ingested.inserted == 1
    assert not CaptureGap.objects.exists()


def test_a_lapsed_token_opens_a_gap_until_a_poll_succeeds(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    sandbox.expire_token(s.account.handle)
    SandboxAccount.objects.filter(pk=s.account.pk).update(refresh_token_sha256="")  # revoked
    failed = poll_source(source_id=s.source.pk)
    assert not failed.ok
    gap = CaptureGap.objects.get(source=s.source)
    assert gap.ended_at is None
    assert gap.reason.startswith("Token lapsed")
    s.source.refresh_from_db()
    assert s.source.status == Source.Status.FAILING
    assert s.source.status_changes.values_list("to_status", flat=True).last() == "failing"
    poll_source(source_id=s.source.pk)  # still lapsed: the same gap, not a second one
    assert CaptureGap.objects.filter(source=s.source).count() == 1
    tokens = sandbox.issue_tokens(s.account)  # someone reconnects the account
    s.connection.credentials = {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
    }
    s.connection.save()
    assert poll_source(source_id=s.source.pk).ok
    gap.refresh_from_db()
    s.source.refresh_from_db()
    assert gap.ended_at is not None
    assert s.source.status == Source.Status.ACTIVE


def test_a_paused_source_is_not_polled_or_claimed(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    change_status(source=s.source, action="pause", actor=SYSTEM)
    residents.add_comment(resident=s.resident, in_reply_to_id=str(s.post.public_id), text="Hi")
    assert poll_source(source_id=s.source.pk).ingested.received == 0
    assert claim_due_sources() == []


def test_the_sweep_claims_each_due_source_once(sandbox_setup: SandboxSetup) -> None:
    s = sandbox_setup
    assert claim_due_sources() == [s.source.pk]
    assert claim_due_sources() == []  # leased
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert claim_due_sources() == [s.source.pk]


def test_the_sweep_task_enqueues_one_poll_per_claimed_source(
    sandbox_setup: SandboxSetup, django_capture_on_commit_callbacks: object
) -> None:
    from herald.listening import tasks  # noqa: PLC0415

    s = sandbox_setup
    residents.add_comment(resident=s.resident, in_reply_to_id=str(s.post.public_id), text="Hi")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert tasks.poll_due_sources.call() == 1
    assert Mention.objects.filter(source=s.source).count() == 1
