"""The out-of-hours acknowledgement: checked when saved, sent once per conversation per
out-of-hours period through the outbox, never in office hours."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from conftest import Personas
from herald.audit.services import Actor
from herald.channels.models import SandboxPost
from herald.estate.models import SocialAccount
from herald.inbox.models import Reply
from herald.inbox.replies.errors import BlockingFindings
from herald.inbox.replies.out_of_hours import (
    acknowledge_out_of_hours,
    save_account_reply_settings,
)
from herald.inbox.replies.outbox import send_due_replies
from herald.inbox.tests.replies.factories import add_message, conversation

pytestmark = pytest.mark.django_db
TEXT = "Thanks for your message. Our team is back at 9am on the next working day."
# Tuesday 8 December 2026; London is on GMT in December.
EVENING = datetime.datetime(2026, 12, 8, 19, 0, tzinfo=datetime.UTC)
MORNING = datetime.datetime(2026, 12, 8, 10, 0, tzinfo=datetime.UTC)


def _enable(personas: Personas, account: SocialAccount, text: str = TEXT) -> None:
    save_account_reply_settings(
        account=account,
        replies_need_approval=False,
        out_of_hours_enabled=True,
        out_of_hours_text=text,
        actor=Actor(user=personas.digital_lead.user),
    )


def test_a_text_with_a_blocking_finding_is_refused_when_saved(
    personas: Personas, account: SocialAccount
) -> None:
    with pytest.raises(BlockingFindings, match="cannot be used"):
        _enable(personas, account, "Call me on 07700 900123 tomorrow.")
    assert not hasattr(account, "reply_settings") or account.reply_settings is None


def test_one_acknowledgement_per_out_of_hours_period(
    personas: Personas, account: SocialAccount
) -> None:
    _enable(personas, account)
    with time_machine.travel(EVENING, tick=False):
        thread = conversation(council=personas.council, account=account, at=EVENING)
        first = acknowledge_out_of_hours(conversation_id=thread.conversation.pk)
        assert first is not None
        assert first.is_automatic
        assert first.author is None
        assert first.status == Reply.Status.APPROVED
        assert send_due_replies().sent == 1
        # A second message later the same night: already acknowledged in this period.
        add_message(
            conversation=thread.conversation,
            text="Hello?",
            at=EVENING + datetime.timedelta(hours=3),
        )
        assert acknowledge_out_of_hours(conversation_id=thread.conversation.pk) is None
    # The next evening is a new out-of-hours period.
    later = EVENING + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        add_message(conversation=thread.conversation, text="Still waiting", at=later)
        assert acknowledge_out_of_hours(conversation_id=thread.conversation.pk) is not None
    sent = SandboxPost.objects.filter(text=TEXT, in_reply_to=thread.comment)
    assert sent.count() == 1


def test_no_acknowledgement_in_office_hours_or_when_switched_off(
    personas: Personas, account: SocialAccount
) -> None:
    with time_machine.travel(EVENING, tick=False):
        thread = conversation(council=personas.council, account=account, at=EVENING)
        assert acknowledge_out_of_hours(conversation_id=thread.conversation.pk) is None
    _enable(personas, account)
    with time_machine.travel(MORNING, tick=False):
        day = conversation(council=personas.council, account=account, at=MORNING)
        assert acknowledge_out_of_hours(conversation_id=day.conversation.pk) is None
    assert not Reply.objects.exists()
