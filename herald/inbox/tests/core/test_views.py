"""The inbox's pages over HTTP: the list and its views, triage on the conversation page with its
errors, escalations, outcomes, records export and settings; another council's objects are 404."""

from __future__ import annotations

import html
import re

import pytest

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.inbox import services
from herald.inbox.models import Conversation, Escalation
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db


def _conversation(
    inbox: Inbox, text: str = "Where do I renew my library card?", **fields: object
) -> Conversation:
    make_mention(
        council=inbox.personas.council,
        account=inbox.account,
        text=text,
        service_label="libraries",
        **fields,
    )
    services.collect_for(council=inbox.personas.council)
    return Conversation.objects.filter(council=inbox.personas.council).latest("id")


def test_the_list_shows_open_conversations_and_the_unassigned_view(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    page = client.get("/inbox/").content.decode()
    assert conversation.subject in page
    assert "1 conversations" in page
    routed_to_team = client.get("/inbox/?view=unassigned").content.decode()
    assert conversation.subject not in routed_to_team  # routed to the libraries team


def test_the_list_pages_by_keyset(inbox: Inbox) -> None:
    for n in range(30):
        make_mention(council=inbox.personas.council, account=inbox.account, text=f"Question {n}")
    services.collect_for(council=inbox.personas.council)
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    first = client.get("/inbox/")
    assert "Next page" in first.content.decode()
    link = re.search(r'href="(\?[^"]*after=[^"]+)">Next page', first.content.decode())
    assert link is not None
    second = client.get("/inbox/" + html.unescape(link.group(1))).content.decode()
    shown_first = set(re.findall(r"Question \d+", first.content.decode()))
    shown_second = set(re.findall(r"Question \d+", second))
    assert len(shown_first) == 25
    assert len(shown_second) == 5
    assert not shown_first & shown_second


def test_triage_then_close_with_an_outcome(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.editor)
    base = f"/inbox/conversations/{conversation.public_id}/"
    officer = inbox.personas.officer.user
    assert (
        client.post(f"{base}assign/", {"assign-assignee": str(officer.public_id)}).status_code
        == 302
    )
    assert client.post(f"{base}answered/").status_code == 302
    response = client.post(
        f"{base}close/", {"close-status": "resolved", "close-outcome": "signposted_online"}
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == "resolved"
    assert conversation.assignee == officer
    assert conversation.outcome == "signposted_online"
    assert conversation.first_responded_at is not None
    assert [c.to_status for c in conversation.status_changes.all()] == [
        "new",
        "assigned",
        "awaiting_resident",
        "resolved",
    ]


def test_closing_without_an_outcome_shows_the_error_summary_and_changes_nothing(
    inbox: Inbox,
) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.editor)
    response = client.post(
        f"/inbox/conversations/{conversation.public_id}/close/", {"close-status": "resolved"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Choose the outcome" in page
    conversation.refresh_from_db()
    assert conversation.status == "new"


def test_satisfaction_is_refused_where_the_channel_did_not_ask(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.editor)
    response = client.post(
        f"/inbox/conversations/{conversation.public_id}/close/",
        {"close-status": "resolved", "close-outcome": "answered", "close-satisfaction": "5"},
    )
    assert "Satisfaction is asked only in direct messages" in response.content.decode()


def test_foi_without_a_real_name_is_refused_on_the_page(inbox: Inbox) -> None:
    conversation = _conversation(inbox, author_name="bookworm_42")
    client = inbox.personas.client_for(inbox.personas.editor)
    response = client.post(
        f"/inbox/conversations/{conversation.public_id}/escalate/",
        {"escalate-kind": "foi", "escalate-reason": "Asks for figures"},
    )
    assert "real name is visible" in response.content.decode()
    assert not Escalation.objects.exists()


def test_a_complaint_goes_to_the_complaints_team_and_can_be_closed(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.editor)
    client.post(
        f"/inbox/conversations/{conversation.public_id}/escalate/",
        {"escalate-kind": "complaint", "escalate-reason": "Unhappy with the service"},
    )
    escalation = Escalation.objects.get()
    assert escalation.due_on is not None
    response = client.post(
        f"/inbox/escalations/{escalation.public_id}/",
        {"to_status": "closed", "reference": "C-2026-9", "note": "Logged with complaints"},
    )
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "closed"
    assert escalation.reference == "C-2026-9"


def test_bulk_assigns_many_at_once(inbox: Inbox) -> None:
    first = _conversation(inbox, text="One")
    second = _conversation(inbox, text="Two")
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    client.post(
        "/inbox/bulk/",
        {
            "ids": [str(first.public_id), str(second.public_id)],
            "bulk-action": "priority",
            "bulk-priority": "high",
        },
    )
    assert set(Conversation.objects.values_list("priority", flat=True)) == {"high"}


def test_outcomes_and_consultations_show_their_figures(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    services.close_conversation(
        conversation=conversation,
        closing=services.Closing(status="resolved", outcome="phone"),
        actor=SYSTEM,
    )
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    page = client.get("/inbox/outcomes/").content.decode()
    assert "Passed to phone" in page
    assert "Libraries" in page
    assert client.get("/inbox/consultations/").status_code == 200


def test_records_search_exports_csv_and_pdf_and_is_audited(inbox: Inbox) -> None:
    _conversation(inbox, author_handle="@jo", author_name="Jo Bloggs")
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    found = client.get("/inbox/records/?person=bloggs")
    assert "1 conversations found" in found.content.decode()
    csv = client.get("/inbox/records/?person=bloggs&export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Where do I renew my library card?" in csv.content.decode()
    pdf = client.get("/inbox/records/?person=bloggs&export=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="inbox.records_exported").count() == 2


def test_settings_errors_and_a_saved_target(inbox: Inbox) -> None:
    client = inbox.personas.client_for(inbox.personas.digital_lead)
    bad = client.post(
        "/inbox/settings/",
        {
            "which": "settings",
            "settings-bank_holidays": "scotland",
            "settings-retention_months": "2",
            "settings-opens_0": "09:00",
        },
    )
    page = bad.content.decode()
    assert "Keep conversations for at least 6 months" in page
    assert "Enter both Monday" in page
    ok = client.post(
        "/inbox/settings/",
        {
            "which": "target",
            "target-service": str(inbox.libraries.public_id),
            "target-first_response_hours": "2",
            "target-resolution_hours": "16",
        },
    )
    assert ok.status_code == 302
    assert "Libraries" in client.get("/inbox/settings/").content.decode()


def test_another_councils_conversation_and_escalation_are_404(inbox: Inbox) -> None:
    conversation = _conversation(inbox, safeguarding=True)
    escalation = Escalation.objects.get()
    client = inbox.personas.client_for(inbox.personas.outsider)
    base = f"/inbox/conversations/{conversation.public_id}/"
    assert client.get(base).status_code == 404
    assert client.post(f"{base}close/", {"close-status": "resolved"}).status_code == 404
    assert client.post(f"{base}answered/").status_code == 404
    assert client.get(f"/inbox/escalations/{escalation.public_id}/").status_code == 404


def test_bulk_ignores_another_councils_conversations(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    client = inbox.personas.client_for(inbox.personas.outsider)
    client.post(
        "/inbox/bulk/",
        {"ids": [str(conversation.public_id)], "bulk-action": "priority", "bulk-priority": "low"},
    )
    conversation.refresh_from_db()
    assert conversation.priority == "normal"
    assert (
        client.post(f"/inbox/conversations/{conversation.public_id}/await-reply/").status_code
        == 404
    )
