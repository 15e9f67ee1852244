"""Collecting listening's mentions into conversations: threading, routing, deadlines,
escalations raised from what listening flagged, rejections and deletions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.inbox import services
from herald.inbox.models import Conversation, Escalation, Message
from herald.inbox.services.common import settings_for
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db
# A Monday morning in term time (not a bank holiday): 10:00 UK time.
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def _collect(inbox: Inbox) -> services.CollectResult:
    return services.collect_for(council=inbox.personas.council)


@time_machine.travel(MONDAY, tick=False)
def test_a_comment_becomes_a_routed_conversation_with_deadlines_in_office_hours(
    inbox: Inbox,
) -> None:
    make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text="When does the library open on Sunday?",
        service_label="libraries",
        posted_at=MONDAY,
    )
    result = _collect(inbox)
    conversation = Conversation.objects.get()
    assert result.collected == 1
    assert result.started == 1
    assert conversation.service == inbox.libraries
    assert conversation.team == inbox.team
    assert conversation.status == Conversation.Status.NEW
    # Default targets: 4 working hours (14:00 the same day), 40 (a week of 8-hour days).
    assert conversation.first_response_due_at == datetime.datetime(
        2026, 3, 2, 14, tzinfo=datetime.UTC
    )
    assert conversation.resolution_due_at == datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC)
    assert conversation.next_due_at == conversation.first_response_due_at
    assert conversation.assignments.get().label == "libraries"
    assert conversation.status_changes.get().to_status == "new"
    assert AuditEvent.objects.filter(action="inbox.collected").exists()


def test_collecting_twice_changes_nothing_and_threads_the_residents_next_message(
    inbox: Inbox,
) -> None:
    first = make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text="Bins not collected",
        author_handle="@sam",
        thread_key="post-1",
    )
    _collect(inbox)
    assert _collect(inbox).collected == 0
    make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text="Still not collected",
        author_handle="@sam",
        thread_key="post-1",
        posted_at=first.posted_at + datetime.timedelta(minutes=5),
    )
    make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text="Mine too",
        author_handle="@alex",
        thread_key="post-1",
    )
    _collect(inbox)
    assert Conversation.objects.count() == 2  # one per resident under the same post
    sams = Conversation.objects.get(resident_handle="@sam")
    assert [m.text for m in sams.messages.all()] == ["Bins not collected", "Still not collected"]


def test_an_unknown_account_or_empty_item_is_rejected_and_the_rest_collected(
    inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    council = inbox.personas.council
    make_mention(council=council, account=inbox.other_account, text="Wrong council")
    make_mention(council=council, account=inbox.account, text="   ")
    make_mention(council=council, account=inbox.account, text="A proper question")
    result = _collect(inbox)
    assert (result.collected, result.rejected) == (1, 2)
    assert "unknown account" in caplog.text
    assert "no text" in caplog.text
    assert Conversation.objects.get().subject == "A proper question"
    assert _collect(inbox).rejected == 0  # the cursor moved past them


def test_safeguarding_goes_to_the_lead_at_once_with_evidence_and_an_email(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    council = inbox.personas.council
    lead = inbox.personas.digital_lead.user
    current = settings_for(council)
    current.safeguarding_lead = lead
    current.save()
    make_mention(
        council=council,
        account=inbox.account,
        text="I don't feel safe at home",
        safeguarding=True,
        safeguarding_reasons=["risk to self"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = _collect(inbox)
    escalation = Escalation.objects.get()
    assert result.escalated == 1
    assert escalation.kind == "safeguarding"
    assert escalation.assigned_to == lead
    assert escalation.due_on == timezone.localdate(escalation.conversation.last_message_at)
    assert escalation.evidence[0]["text"] == "I don't feel safe at home"
    assert escalation.conversation.priority == Conversation.Priority.URGENT
    assert mail.outbox
    assert mail.outbox[0].to == [lead.email]


def test_an_offensive_message_is_recorded_as_a_moderation_request(inbox: Inbox) -> None:
    make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text="You lot are useless idiots",
        offensive=True,
    )
    _collect(inbox)
    assert Escalation.objects.get().kind == "moderation"
    assert Conversation.objects.get().priority == Conversation.Priority.HIGH


def test_foi_is_raised_only_when_a_real_name_is_visible(inbox: Inbox) -> None:
    council = inbox.personas.council
    text = "Under the Freedom of Information Act please send me the figures for potholes"
    make_mention(council=council, account=inbox.account, text=text, author_name="Priya Shah")
    make_mention(council=council, account=inbox.account, text=text, author_name="pothole_watch99")
    _collect(inbox)
    foi = Escalation.objects.get()
    assert foi.kind == "foi"
    assert foi.conversation.resident_name == "Priya Shah"
    assert foi.due_on is not None
    assert (foi.due_on - foi.received_on).days >= 26


def test_a_resident_writing_again_reopens_with_a_fresh_clock(inbox: Inbox) -> None:
    council = inbox.personas.council
    make_mention(
        council=council,
        account=inbox.account,
        text="Hello",
        author_handle="@kim",
        thread_key="dm-1",
    )
    _collect(inbox)
    conversation = Conversation.objects.get()
    services.record_response(conversation=conversation, actor=SYSTEM)
    make_mention(
        council=council,
        account=inbox.account,
        text="Thanks, one more thing",
        author_handle="@kim",
        thread_key="dm-1",
    )
    _collect(inbox)
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.AWAITING_REPLY
    assert conversation.first_responded_at is None
    assert conversation.next_due_at == conversation.first_response_due_at


def test_a_message_deleted_on_the_network_keeps_its_copy_marked(inbox: Inbox) -> None:
    council = inbox.personas.council
    mention = make_mention(council=council, account=inbox.account, text="Oops")
    _collect(inbox)
    since = timezone.now()
    mention.deleted_on_network_at = timezone.now()
    mention.save()
    assert services.mark_deleted_messages(council=council, since=since) == 1
    message = Message.objects.get()
    assert message.text == "Oops"
    assert message.deleted_on_network_at is not None
