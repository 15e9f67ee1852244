"""Writing, approving and sending replies through the services, end to end on the Sandbox."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.channels.models import SandboxPost
from herald.estate.models import SocialAccount
from herald.inbox.models import AccountReplySettings, Message, Reply
from herald.inbox.replies import services
from herald.inbox.replies.errors import (
    BlockingFindings,
    NotAllowed,
    OtherReplies,
    OwnReply,
    ReplyTransitionNotAllowed,
)
from herald.inbox.replies.outbox import send_due_replies
from herald.inbox.tests.replies.factories import Thread

pytestmark = pytest.mark.django_db
R = Reply.Status
GOOD = "Thanks for asking: your bin will be collected on Tuesday."


def test_a_reply_with_nothing_to_approve_is_sent_once_under_the_residents_comment(
    personas: Personas, thread: Thread
) -> None:
    actor = Actor(user=personas.editor.user)
    reply = services.start_reply(conversation=thread.conversation, text=GOOD, actor=actor)
    assert reply.in_reply_to == thread.message
    services.submit_reply(reply=reply, actor=actor)
    assert reply.status == R.APPROVED

    first = send_due_replies()
    second = send_due_replies()

    reply.refresh_from_db()
    assert (first.sent, second.sent, second.claimed) == (1, 0, 0)
    assert reply.status == R.SENT
    assert reply.remote_id
    assert reply.sent_at
    on_network = SandboxPost.objects.get(public_id=reply.remote_id)
    assert on_network.in_reply_to == thread.comment
    assert on_network.text == GOOD
    copy = thread.conversation.messages.get(direction=Message.Direction.OUT)
    assert copy.remote_id == reply.remote_id
    thread.conversation.refresh_from_db()
    assert thread.conversation.first_responded_at is not None
    assert [c.to_status for c in reply.status_changes.all()] == [
        "draft",
        "approved",
        "sending",
        "sent",
    ]
    assert [a.outcome for a in reply.attempts_made.all()] == ["sent"]
    assert AuditEvent.objects.filter(action="inbox.reply_sent", target_id=str(reply.public_id))


def test_a_blocking_finding_stops_the_reply_until_it_is_fixed(
    personas: Personas, thread: Thread
) -> None:
    actor = Actor(user=personas.editor.user)
    reply = services.start_reply(
        conversation=thread.conversation, text="Ring me on 07700 900123", actor=actor
    )
    assert [f["rule"] for f in reply.findings] == ["personal_data.phone"]
    with pytest.raises(BlockingFindings, match="phone number"):
        services.submit_reply(reply=reply, actor=actor)
    reply.refresh_from_db()
    assert reply.status == R.DRAFT

    services.update_reply(reply=reply, text=GOOD, actor=actor)
    services.submit_reply(reply=reply, actor=actor)
    assert reply.status == R.APPROVED
    assert reply.findings == []


def test_sign_off_findings_and_accounts_needing_approval_go_to_an_approver(
    personas: Personas, thread: Thread, account: SocialAccount
) -> None:
    author = Actor(user=personas.editor.user)
    reply = services.start_reply(
        conversation=thread.conversation,
        text="Your child Tom Smith, aged 7, at Hill School can join.",
        actor=author,
    )
    services.submit_reply(reply=reply, actor=author)
    assert reply.status == R.AWAITING_APPROVAL

    AccountReplySettings.objects.create(
        council=personas.council, account=account, replies_need_approval=True
    )
    plain = services.start_reply(conversation=thread.conversation, text=GOOD, actor=author)
    services.submit_reply(reply=plain, actor=author)
    assert plain.status == R.AWAITING_APPROVAL
    note = plain.status_changes.get(to_status=R.AWAITING_APPROVAL).note
    assert note == "Replies on this account need an approver"
    assert send_due_replies().claimed == 0


def test_authors_never_approve_their_own_reply_and_approvers_let_it_go(
    personas: Personas, thread: Thread, account: SocialAccount
) -> None:
    AccountReplySettings.objects.create(
        council=personas.council, account=account, replies_need_approval=True
    )
    lead = Actor(user=personas.digital_lead.user)
    reply = services.start_reply(conversation=thread.conversation, text=GOOD, actor=lead)
    services.submit_reply(reply=reply, actor=lead)
    assert reply.status == R.AWAITING_APPROVAL
    with pytest.raises(OwnReply):
        services.approve_reply(reply=reply, actor=lead)
    with pytest.raises(NotAllowed):
        services.approve_reply(reply=reply, actor=Actor(user=personas.editor.user))

    services.approve_reply(reply=reply, actor=Actor(user=personas.approver.user))
    assert reply.status == R.APPROVED
    assert reply.approved_by == personas.approver.user
    assert send_due_replies().sent == 1


def test_rejected_and_withdrawn_replies_are_never_sent(
    personas: Personas, thread: Thread, account: SocialAccount
) -> None:
    AccountReplySettings.objects.create(
        council=personas.council, account=account, replies_need_approval=True
    )
    editor = Actor(user=personas.editor.user)
    reply = services.start_reply(conversation=thread.conversation, text=GOOD, actor=editor)
    services.submit_reply(reply=reply, actor=editor)
    services.reject_reply(
        reply=reply, actor=Actor(user=personas.approver.user), note="Signpost the form"
    )
    with pytest.raises(ReplyTransitionNotAllowed):
        services.approve_reply(reply=reply, actor=Actor(user=personas.approver.user))
    assert send_due_replies().claimed == 0
    assert reply.status == R.REJECTED


def test_the_second_officer_is_warned_and_may_confirm(personas: Personas, thread: Thread) -> None:
    first = Actor(user=personas.editor.user)
    second = Actor(user=personas.digital_lead.user)
    mine = services.start_reply(conversation=thread.conversation, text=GOOD, actor=first)
    theirs = services.start_reply(
        conversation=thread.conversation, text="We collect on Tuesdays.", actor=second
    )
    # Each sees that the other is writing: the first to send is told someone is replying.
    with pytest.raises(OtherReplies) as writing:
        services.submit_reply(reply=mine, actor=first)
    assert writing.value.others == [theirs]
    services.submit_reply(reply=mine, actor=first, confirm_others=True)
    # The second is shown the reply that is now on its way, and must confirm.
    with pytest.raises(OtherReplies) as warned:
        services.submit_reply(reply=theirs, actor=second)
    assert warned.value.others == [mine]
    assert personas.editor.user.display_name in warned.value.message
    theirs.refresh_from_db()
    assert theirs.status == R.DRAFT
    services.submit_reply(reply=theirs, actor=second, confirm_others=True)
    assert theirs.status == R.APPROVED
    assert theirs.collision_confirmed_at is not None


def test_only_people_who_may_reply_on_the_account_can_write(
    personas: Personas, thread: Thread
) -> None:
    with pytest.raises(NotAllowed):
        services.start_reply(
            conversation=thread.conversation, text=GOOD, actor=Actor(user=personas.officer.user)
        )
    with pytest.raises(NotAllowed):
        services.start_reply(
            conversation=thread.conversation, text=GOOD, actor=Actor(user=personas.approver.user)
        )
