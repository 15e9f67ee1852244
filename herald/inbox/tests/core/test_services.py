"""Triage, settings and record-keeping services: state, history, audit, refusals."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.core.testing import ServiceFactory, TeamFactory
from herald.core.transitions import StatusChangedMeanwhile
from herald.inbox import services
from herald.inbox.models import Conversation, Escalation, Message
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db


def _conversation(inbox: Inbox, **fields: object) -> Conversation:
    make_mention(council=inbox.personas.council, account=inbox.account, text="Question", **fields)
    services.collect_for(council=inbox.personas.council)
    return Conversation.objects.latest("id")


def test_assigning_another_service_brings_its_targets(inbox: Inbox) -> None:
    council = inbox.personas.council
    conversation = _conversation(inbox)
    roads = ServiceFactory(council=council, name="Roads")
    services.set_target(
        council=council, service=roads, first_response_hours=1, resolution_hours=8, actor=SYSTEM
    )
    before = conversation.first_response_due_at
    services.assign_conversation(
        conversation=conversation, service=roads, team=None, assignee=None, actor=SYSTEM
    )
    conversation.refresh_from_db()
    assert conversation.service == roads
    assert conversation.status == "assigned"
    assert before is not None
    assert conversation.first_response_due_at is not None
    assert conversation.first_response_due_at < before
    assert AuditEvent.objects.filter(action="inbox.conversation_assigned").exists()


def test_another_councils_team_or_person_is_refused(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    theirs = TeamFactory(
        council=inbox.personas.other_council,
        service=ServiceFactory(council=inbox.personas.other_council),
    )
    with pytest.raises(services.InvalidTriage):
        services.assign_conversation(
            conversation=conversation, service=None, team=theirs, assignee=None, actor=SYSTEM
        )
    with pytest.raises(services.InvalidTriage):
        services.assign_conversation(
            conversation=conversation,
            service=None,
            team=None,
            assignee=inbox.personas.outsider.user,
            actor=SYSTEM,
        )
    conversation.refresh_from_db()
    assert conversation.status == "new"


def test_two_people_closing_at_once_one_wins(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    stale = Conversation.objects.get(pk=conversation.pk)
    closing = services.Closing(status="resolved", outcome="answered", service=inbox.libraries)
    services.close_conversation(conversation=conversation, closing=closing, actor=SYSTEM)
    with pytest.raises(StatusChangedMeanwhile):
        services.close_conversation(conversation=stale, closing=closing, actor=SYSTEM)


def test_tags_are_cleaned_and_checked(inbox: Inbox) -> None:
    assert services.clean_tags("Potholes, follow up ,potholes") == ["follow up", "potholes"]
    with pytest.raises(services.InvalidTriage):
        services.clean_tags("<script>")


def test_bulk_reports_refusals_and_does_the_rest(inbox: Inbox) -> None:
    first = _conversation(inbox)
    second = _conversation(inbox)
    services.close_conversation(
        conversation=second,
        closing=services.Closing(status="no_action", outcome="no_action"),
        actor=SYSTEM,
    )
    result = services.bulk_apply(
        conversations=[first, second], action="no_action", value=None, actor=SYSTEM
    )
    assert result.done == 1
    assert len(result.refused) == 1


def test_settings_refuse_bad_hours_and_keep_the_old_ones(inbox: Inbox) -> None:
    council = inbox.personas.council
    data = services.SettingsInput(
        office_hours={"0": ["17:00", "09:00"]},
        bank_holidays="scotland",
        retention_months=24,
        safeguarding_lead=None,
        foi_team=None,
        complaints_team=None,
    )
    with pytest.raises(services.InvalidTriage):
        services.update_settings(council=council, data=data, actor=SYSTEM)
    assert services.settings_for(council).bank_holidays == "england-and-wales"


def test_the_purge_keeps_conversations_under_an_open_escalation(inbox: Inbox) -> None:
    council = inbox.personas.council
    old = timezone.now() - datetime.timedelta(days=800)
    quiet = _conversation(inbox, posted_at=old)
    services.add_note(
        conversation=quiet, author=inbox.personas.editor.user, text="Called back", actor=SYSTEM
    )
    guarded = _conversation(inbox, posted_at=old, safeguarding=True)
    recent = _conversation(inbox)
    assert services.purge_expired(council=council, now=timezone.now()) == 1
    assert set(Conversation.objects.values_list("pk", flat=True)) == {guarded.pk, recent.pk}
    assert Message.objects.filter(conversation=guarded).exists()
    Escalation.objects.filter(conversation=guarded).update(status="closed")
    assert services.purge_expired(council=council, now=timezone.now()) == 1
    assert AuditEvent.objects.filter(action="inbox.records_purged").count() == 2


def test_reopening_needs_a_reason(inbox: Inbox) -> None:
    conversation = _conversation(inbox)
    person = Actor(user=inbox.personas.editor.user)
    services.close_conversation(
        conversation=conversation,
        closing=services.Closing(status="no_action", outcome="no_action"),
        actor=person,
    )
    with pytest.raises(services.InvalidTriage):
        services.reopen_conversation(conversation=conversation, actor=person, note=" ")
    services.reopen_conversation(conversation=conversation, actor=person, note="Closed by mistake")
    assert conversation.status == "awaiting_reply"
    assert conversation.next_due_at == conversation.resolution_due_at
