"""The periodic jobs: registered, and each doing its one service for every council."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from herald.core.scheduling import registered_schedules
from herald.inbox import tasks
from herald.inbox.models import Conversation, Message
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db


def test_the_inbox_jobs_are_registered() -> None:
    assert {"inbox.collect", "inbox.mark_deleted", "inbox.purge"} <= set(registered_schedules())


def test_collect_reaches_every_council_and_purge_respects_retention(inbox: Inbox) -> None:
    make_mention(council=inbox.personas.council, account=inbox.account, text="Ours")
    make_mention(
        council=inbox.personas.other_council,
        account=inbox.other_account,
        text="Theirs",
        posted_at=timezone.now() - datetime.timedelta(days=900),
    )
    assert tasks.collect_mentions.call()["collected"] == 2
    assert Conversation.objects.count() == 2
    assert tasks.purge_expired_records.call() == 1
    assert list(Message.objects.values_list("text", flat=True)) == ["Ours"]
