"""The reply pages over HTTP: writing with findings, sending, the collision warning, deciding,
retrying a failed reply, saved responses, reply settings, moderation and another council's 404."""

from __future__ import annotations

import html

import pytest

from conftest import Personas
from herald.audit.services import Actor
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate.models import SocialAccount
from herald.inbox.models import AccountReplySettings, ModerationAction, Reply, SavedResponse
from herald.inbox.replies import saved, services
from herald.inbox.replies.outbox import send_due_replies
from herald.inbox.tests.replies.factories import Thread, conversation, sandbox_account

pytestmark = pytest.mark.django_db
R = Reply.Status
GOOD = "Thanks for asking: your bin will be collected on Tuesday."


def _url(thread: Thread, tail: str = "") -> str:
    return f"/inbox/conversations/{thread.conversation.public_id}/reply/{tail}"


def test_the_reply_page_shows_the_conversation_and_the_form(
    personas: Personas, thread: Thread
) -> None:
    page = personas.client_for(personas.editor).get(_url(thread))
    assert page.status_code == 200
    html = page.content.decode()
    assert "When is my bin collected this week?" in html
    assert 'data-live-check="' in html
    assert "Send reply" in html


def test_the_live_check_shows_findings_as_the_officer_types(
    personas: Personas, thread: Thread
) -> None:
    client = personas.client_for(personas.editor)
    found = client.post(_url(thread, "check/"), {"text": "Ring me on 07700 900123"})
    assert found.status_code == 200
    assert "phone number" in found.content.decode()
    clean = client.post(_url(thread, "check/"), {"text": GOOD})
    assert "No problems found" in clean.content.decode()


def test_a_blocking_finding_is_a_govuk_error_and_nothing_is_sent(
    personas: Personas, thread: Thread
) -> None:
    client = personas.client_for(personas.editor)
    page = client.post(_url(thread), {"text": "Ring me on 07700 900123", "then": "send"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "Fix what must be fixed before sending" in html
    assert Reply.objects.get().status == R.DRAFT


def test_sending_a_clean_reply_queues_it_and_the_outbox_sends_it(
    personas: Personas, thread: Thread
) -> None:
    client = personas.client_for(personas.editor)
    sent = client.post(_url(thread), {"text": GOOD, "then": "send"})
    reply = Reply.objects.get()
    assert sent.status_code == 302
    assert sent.headers["Location"] == _url(thread, f"{reply.public_id}/")
    assert reply.status == R.APPROVED
    send_due_replies()
    page = client.get(sent.headers["Location"]).content.decode()
    assert "Sent" in page
    assert "See the reply on the network" in page


def test_the_second_officer_sees_the_other_reply_and_must_confirm(
    personas: Personas, thread: Thread
) -> None:
    first = services.start_reply(
        conversation=thread.conversation, text=GOOD, actor=Actor(user=personas.editor.user)
    )
    services.submit_reply(reply=first, actor=Actor(user=personas.editor.user))
    client = personas.client_for(personas.digital_lead)
    warned = client.post(_url(thread), {"text": "We collect Tuesdays.", "then": "send"})
    html = warned.content.decode()
    assert "also replied, or is replying" in html
    assert GOOD in html
    mine = Reply.objects.exclude(pk=first.pk).get()
    assert mine.status == R.DRAFT
    confirmed = client.post(
        _url(thread, f"{mine.public_id}/"),
        {"text": "We collect Tuesdays.", "then": "send", "confirm_others": "on"},
    )
    assert confirmed.status_code == 302
    mine.refresh_from_db()
    assert mine.status == R.APPROVED


def test_someone_is_replying_marker_shows_to_others(personas: Personas, thread: Thread) -> None:
    services.start_reply(
        conversation=thread.conversation, text="Draft", actor=Actor(user=personas.editor.user)
    )
    page = personas.client_for(personas.digital_lead).get(_url(thread)).content.decode()
    # Read as text: a generated name can hold an apostrophe ("O'Neill"), escaped in the HTML.
    assert f"{personas.editor.user.display_name} is writing a reply" in html.unescape(page)


def test_an_approver_decides_and_a_reject_needs_a_reason(
    personas: Personas, thread: Thread, account: SocialAccount
) -> None:
    AccountReplySettings.objects.create(
        council=personas.council, account=account, replies_need_approval=True
    )
    reply = services.start_reply(
        conversation=thread.conversation, text=GOOD, actor=Actor(user=personas.editor.user)
    )
    services.submit_reply(reply=reply, actor=Actor(user=personas.editor.user))
    client = personas.client_for(personas.approver)
    bad = client.post(_url(thread, f"{reply.public_id}/decide/"), {"decision": "reject"})
    assert "Say why the reply is rejected" in bad.content.decode()
    ok = client.post(_url(thread, f"{reply.public_id}/decide/"), {"decision": "approve"})
    assert ok.status_code == 302
    reply.refresh_from_db()
    assert reply.status == R.APPROVED
    own = personas.client_for(personas.editor)
    assert (
        own.post(_url(thread, f"{reply.public_id}/decide/"), {"decision": "approve"}).status_code
        == 403
    )


def test_a_failed_reply_shows_why_and_can_be_retried(personas: Personas, thread: Thread) -> None:
    ChannelConnection.objects.filter(account=thread.conversation.account).update(
        status=ChannelConnection.Status.DISCONNECTED
    )
    editor = Actor(user=personas.editor.user)
    reply = services.start_reply(conversation=thread.conversation, text=GOOD, actor=editor)
    services.submit_reply(reply=reply, actor=editor)
    send_due_replies()
    reply.refresh_from_db()
    assert reply.status == R.FAILED
    client = personas.client_for(personas.editor)
    page = client.get(_url(thread, f"{reply.public_id}/")).content.decode()
    assert "not connected to Herald" in page
    assert "Try sending again" in page
    ChannelConnection.objects.filter(account=thread.conversation.account).update(
        status=ChannelConnection.Status.CONNECTED
    )
    client.post(_url(thread, f"{reply.public_id}/retry/"))
    send_due_replies()
    reply.refresh_from_db()
    assert reply.status == R.SENT


def test_a_saved_response_is_inserted_into_the_reply(personas: Personas, thread: Thread) -> None:
    item = saved.create_saved_response(
        council=personas.council,
        service=None,
        title="Bins",
        text="Collections are on the website.",
        actor=Actor(user=personas.digital_lead.user),
    )
    page = personas.client_for(personas.editor).post(
        _url(thread), {"text": "Hello.", "saved_response": str(item.public_id), "then": "insert"}
    )
    assert "Hello.\n\nCollections are on the website." in page.content.decode()
    assert not Reply.objects.exists()


def test_saved_response_form_errors_and_archive(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    bad = client.post("/inbox/saved-responses/new/", {"title": "", "text": ""})
    html = bad.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter a title" in html
    good = client.post("/inbox/saved-responses/new/", {"title": "Bins", "text": "On Tuesdays."})
    assert good.status_code == 302
    made = SavedResponse.objects.get()
    client.post(f"/inbox/saved-responses/{made.public_id}/archive/")
    made.refresh_from_db()
    assert made.archived_at is not None


def test_an_out_of_hours_text_with_a_blocking_finding_is_refused(
    personas: Personas, account: SocialAccount
) -> None:
    client = personas.client_for(personas.digital_lead)
    page = client.post(
        f"/inbox/reply-settings/{account.public_id}/",
        {"out_of_hours_enabled": "on", "out_of_hours_text": "Call 07700 900123 tonight"},
    )
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "cannot be used" in html
    assert not AccountReplySettings.objects.exists()


def test_moderating_a_message_records_the_reason(personas: Personas, thread: Thread) -> None:
    client = personas.client_for(personas.digital_lead)
    done = client.post(
        _url(thread, f"moderate/{thread.message.pk}/"), {"action": "hide", "reason": "Threats"}
    )
    assert done.status_code == 302
    assert ModerationAction.objects.get().reason == "Threats"
    missing = client.post(_url(thread, f"moderate/{thread.message.pk}/"), {"action": "hide"})
    assert "Enter the reason" in missing.content.decode()


def test_another_councils_conversation_reply_and_settings_are_404(
    personas: Personas, thread: Thread
) -> None:
    other_service = ServiceFactory(council=personas.other_council, name="Parks", slug="parks")
    other_account = sandbox_account(council=personas.other_council, service=other_service)
    theirs = conversation(council=personas.other_council, account=other_account)
    item = SavedResponse.objects.create(council=personas.other_council, title="x", text="y")
    client = personas.client_for(personas.digital_lead)
    base = f"/inbox/conversations/{theirs.conversation.public_id}/reply/"
    assert client.get(base).status_code == 404
    assert client.post(f"{base}check/", {"text": "x"}).status_code == 404
    assert client.get(f"{base}moderate/{theirs.message.pk}/").status_code == 404
    assert client.get(f"/inbox/saved-responses/{item.public_id}/").status_code == 404
    assert client.get(f"/inbox/reply-settings/{other_account.public_id}/").status_code == 404
    theirs_reply = Reply.objects.create(
        conversation=theirs.conversation, author=personas.outsider.user, text="Theirs"
    )
    for tail in ("", "decide/", "retry/", "withdraw/"):
        path = f"{base}{theirs_reply.public_id}/{tail}"
        got = client.post(path, {"decision": "approve"}) if tail else client.get(path)
        assert got.status_code == 404, path
    # Their reply under our conversation's address is a 404 too, and so is their message.
    assert client.get(_url(thread, f"{theirs_reply.public_id}/")).status_code == 404
    assert client.get(_url(thread, f"moderate/{theirs.message.pk}/")).status_code == 404


def test_an_officer_with_a_draft_is_offered_it_again(personas: Personas, thread: Thread) -> None:
    draft = services.start_reply(
        conversation=thread.conversation, text="Half done", actor=Actor(user=personas.editor.user)
    )
    mine = personas.client_for(personas.editor).get(_url(thread)).content.decode()
    assert f'href="{_url(thread, f"{draft.public_id}/")}">continue your draft' in mine
    theirs = personas.client_for(personas.digital_lead).get(_url(thread)).content.decode()
    assert "continue your draft" not in theirs
