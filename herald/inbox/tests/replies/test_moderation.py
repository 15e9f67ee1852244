"""Moderation: hide or delete on the network where the API allows it, the reason recorded,
Herald's copy kept, audited; where the network cannot, the decision is recorded anyway."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.channels.models import ChannelConnection, SandboxPost
from herald.inbox.models import ModerationAction
from herald.inbox.replies.errors import InvalidReply, NotAllowed
from herald.inbox.replies.moderation import moderate_message
from herald.inbox.tests.replies.factories import Thread

pytestmark = pytest.mark.django_db
A = ModerationAction.Action


def test_hiding_an_abusive_comment_hides_it_on_the_sandbox_and_keeps_herald_copy(
    personas: Personas, thread: Thread
) -> None:
    outcome = moderate_message(
        message=thread.message,
        action=A.HIDE,
        reason="Threatens staff",
        actor=Actor(user=personas.digital_lead.user),
    )
    assert outcome.done_on_network
    thread.comment.refresh_from_db()
    thread.message.refresh_from_db()
    assert thread.comment.hidden_at is not None
    assert thread.message.hidden_on_network_at is not None
    assert thread.message.text == "When is my bin collected this week?"
    action = ModerationAction.objects.get()
    assert (action.action, action.reason, action.succeeded) == (A.HIDE, "Threatens staff", True)
    assert AuditEvent.objects.filter(action="inbox.moderation_hide").count() == 1
    # Off the public timeline, kept on the network and in Herald.
    assert SandboxPost.objects.filter(pk=thread.comment.pk).exists()


def test_deleting_takes_it_off_the_network_but_never_out_of_herald(
    personas: Personas, thread: Thread
) -> None:
    moderate_message(
        message=thread.message,
        action=A.DELETE,
        reason="Abuse",
        actor=Actor(user=personas.admin.user),
    )
    thread.comment.refresh_from_db()
    thread.message.refresh_from_db()
    assert thread.comment.deleted_at is not None
    assert thread.message.deleted_on_network_at is not None
    assert thread.conversation.messages.filter(pk=thread.message.pk).exists()


def test_where_the_network_cannot_the_decision_is_recorded_and_said(
    personas: Personas, thread: Thread
) -> None:
    ChannelConnection.objects.filter(account=thread.conversation.account).update(
        status=ChannelConnection.Status.DISCONNECTED
    )
    outcome = moderate_message(
        message=thread.message,
        action=A.DELETE,
        reason="Abuse",
        actor=Actor(user=personas.digital_lead.user),
    )
    assert not outcome.done_on_network
    assert "act on the network itself" in outcome.message
    action = ModerationAction.objects.get()
    assert (action.action, action.succeeded) == (A.RECORD_ONLY, False)
    thread.comment.refresh_from_db()
    assert thread.comment.deleted_at is None


def test_moderation_needs_a_reason_and_the_right_role(personas: Personas, thread: Thread) -> None:
    with pytest.raises(InvalidReply, match="Say why"):
        moderate_message(
            message=thread.message,
            action=A.HIDE,
            reason=" ",
            actor=Actor(user=personas.digital_lead.user),
        )
    with pytest.raises(NotAllowed):
        moderate_message(
            message=thread.message,
            action=A.HIDE,
            reason="Abuse",
            actor=Actor(user=personas.editor.user),
        )
    assert not ModerationAction.objects.exists()
