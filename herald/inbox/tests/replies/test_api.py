"""Replies over the API: draft, submit, approve, retry and list; JSON errors with codes; one
council only."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.api.testing import api_client
from herald.channels.models import ChannelConnection
from herald.councils.roles import Role
from herald.estate.models import SocialAccount
from herald.inbox.models import AccountReplySettings, Reply
from herald.inbox.replies.outbox import send_due_replies
from herald.inbox.tests.replies.factories import Thread

pytestmark = [pytest.mark.django_db]
GOOD = "Thanks for asking: your bin will be collected on Tuesday."


def _replies(thread: Thread) -> str:
    return f"/api/v1/inbox/conversations/{thread.conversation.public_id}/replies/"


def test_draft_submit_approve_and_list(
    personas: Personas, thread: Thread, account: SocialAccount
) -> None:
    AccountReplySettings.objects.create(
        council=personas.council, account=account, replies_need_approval=True
    )
    editor = api_client(personas.editor, Role.EDITOR)
    made = editor.post(_replies(thread), {"text": GOOD}, content_type="application/json")
    assert made.status_code == 201, made.json()
    reply_id = made.json()["id"]
    assert made.json()["status"] == "draft"
    submitted = editor.post(
        f"/api/v1/inbox/replies/{reply_id}/submit/", {}, content_type="application/json"
    )
    assert submitted.json()["status"] == "awaiting_approval"
    own = editor.post(
        f"/api/v1/inbox/replies/{reply_id}/decision/",
        {"decision": "approve"},
        content_type="application/json",
    )
    assert own.status_code == 403  # an editor's token may not decide at all
    approver = api_client(personas.approver, Role.APPROVER)
    approved = approver.post(
        f"/api/v1/inbox/replies/{reply_id}/decision/",
        {"decision": "approve"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "approved"
    send_due_replies()
    listed = editor.get(_replies(thread)).json()
    assert [(r["id"], r["status"]) for r in listed] == [(reply_id, "sent")]


def test_errors_are_json_with_codes(personas: Personas, thread: Thread) -> None:
    editor = api_client(personas.editor, Role.EDITOR)
    blank = editor.post(_replies(thread), {"text": ""}, content_type="application/json")
    assert blank.status_code == 400
    made = editor.post(
        _replies(thread), {"text": "Ring 07700 900123"}, content_type="application/json"
    ).json()
    assert made["findings"][0]["rule"] == "personal_data.phone"
    blocked = editor.post(
        f"/api/v1/inbox/replies/{made['id']}/submit/", {}, content_type="application/json"
    )
    assert blocked.status_code == 400
    assert blocked.json()["code"] == "blocking_findings"
    lead = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    theirs = lead.post(_replies(thread), {"text": GOOD}, content_type="application/json").json()
    clash = lead.post(
        f"/api/v1/inbox/replies/{theirs['id']}/submit/", {}, content_type="application/json"
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "other_replies"
    assert clash.json()["others"][0]["id"] == made["id"]


def test_a_failed_reply_is_retried_over_the_api(personas: Personas, thread: Thread) -> None:
    ChannelConnection.objects.filter(account=thread.conversation.account).update(
        status=ChannelConnection.Status.DISCONNECTED
    )
    editor = api_client(personas.editor, Role.EDITOR)
    made = editor.post(_replies(thread), {"text": GOOD}, content_type="application/json").json()
    editor.post(f"/api/v1/inbox/replies/{made['id']}/submit/", {}, content_type="application/json")
    send_due_replies()
    failed = editor.get(f"/api/v1/inbox/replies/{made['id']}/").json()
    assert failed["status"] == "failed"
    assert "not connected" in failed["last_error"]
    ChannelConnection.objects.filter(account=thread.conversation.account).update(
        status=ChannelConnection.Status.CONNECTED
    )
    retried = editor.post(
        f"/api/v1/inbox/replies/{made['id']}/retry/", {}, content_type="application/json"
    )
    assert retried.json()["status"] == "approved"
    send_due_replies()
    assert Reply.objects.get().status == Reply.Status.SENT


def test_another_councils_conversation_and_reply_are_404(
    personas: Personas, thread: Thread
) -> None:
    editor = api_client(personas.editor, Role.EDITOR)
    made = editor.post(_replies(thread), {"text": GOOD}, content_type="application/json").json()
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN)
    assert outsider.get(_replies(thread)).status_code == 404
    assert outsider.get(f"/api/v1/inbox/replies/{made['id']}/").status_code == 404
