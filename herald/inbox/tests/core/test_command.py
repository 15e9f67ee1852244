"""``herald inbox_training_export``: what people routed becomes text,label training data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from herald.audit.services import SYSTEM, Actor
from herald.core.testing import ServiceFactory
from herald.inbox import services
from herald.inbox.models import Conversation
from herald.inbox.testing import make_mention
from herald.inbox.tests.core.conftest import Inbox

pytestmark = pytest.mark.django_db


def test_only_peoples_last_choices_are_exported(inbox: Inbox, tmp_path: Path) -> None:
    council = inbox.personas.council
    roads = ServiceFactory(council=council, name="Roads", slug="roads")
    services.set_route(
        council=council, service_label="roads", service=roads, team=None, actor=SYSTEM
    )
    make_mention(
        council=council,
        account=inbox.account,
        text="Pothole on  Mill Lane",
        service_label="libraries",
    )
    make_mention(
        council=council, account=inbox.account, text="Library fines", service_label="libraries"
    )
    services.collect_for(council=council)
    pothole, _ = Conversation.objects.order_by("id")
    person = Actor(user=inbox.personas.digital_lead.user)
    services.assign_conversation(
        conversation=pothole, service=inbox.libraries, team=None, assignee=None, actor=person
    )
    services.assign_conversation(
        conversation=pothole, service=roads, team=None, assignee=None, actor=person
    )
    target = tmp_path / "training.csv"
    call_command("inbox_training_export", "--council", "wessex", str(target), stderr=io.StringIO())
    rows = list(csv.reader(target.open()))
    # The router's own routing of "Library fines" is not evidence; the person's last choice is.
    assert rows == [["text", "label"], ["Pothole on Mill Lane", "roads"]]


def test_an_unknown_council_is_an_error() -> None:
    with pytest.raises(CommandError, match="No active council"):
        call_command("inbox_training_export", "--council", "nowhere", "-")
