"""Lapsed training suspends publishing rights with notice; passing again restores them."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.councils.roles import Role
from herald.learning.models import Module, RightsSuspension
from herald.learning.selectors import open_rights_suspensions
from herald.learning.services.elearning import start_attempt, submit_attempt
from herald.learning.services.rights import suspend_lapsed_rights
from herald.learning.tasks import suspend_lapsed_publishing_rights
from herald.learning.testing import answers_for, make_trained

TRAINED_ON = datetime.date(2025, 12, 1)


@pytest.fixture
def trained_editor(personas: Personas) -> Personas:
    make_trained(staff_member=personas.record_of(personas.editor), on=TRAINED_ON)
    return personas


def holds(personas: Personas, role: Role) -> bool:
    return personas.editor.role_assignments.filter(role=role).exists()


def test_only_people_without_current_training_lose_their_rights(trained_editor: Personas) -> None:
    suspended = suspend_lapsed_rights(
        council=trained_editor.council, actor=SYSTEM, on=datetime.date(2026, 11, 30)
    )

    # The approver and the account owner were never trained: their rights go, the editor's stay.
    assert suspended == 2
    assert holds(trained_editor, Role.EDITOR)
    assert not trained_editor.approver.role_assignments.filter(role=Role.APPROVER).exists()


def test_lapsed_rights_are_suspended_with_notice_then_restored_on_passing(
    trained_editor: Personas,
) -> None:
    personas = trained_editor
    lapsed = datetime.date(2026, 12, 1)

    suspend_lapsed_rights(council=personas.council, actor=SYSTEM, on=lapsed)

    assert not holds(personas, Role.EDITOR)
    suspension = RightsSuspension.objects.get(staff_member=personas.record_of(personas.editor))
    assert suspension in open_rights_suspensions(council=personas.council)
    assert suspension.role == Role.EDITOR
    editor_mail = [m for m in mail.outbox if personas.record_of(personas.editor).email in m.to]
    assert editor_mail
    assert personas.record_of(personas.line_manager).email in editor_mail[0].to
    assert AuditEvent.objects.filter(action="learning.rights_suspended").count() == 3

    module = Module.objects.get(council=personas.council, kind=Module.Kind.PUBLISHER)
    module.questions.create(text="Q?").choices.create(text="Right", is_correct=True)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        attempt = start_attempt(module=module, staff_member=personas.record_of(personas.editor))
        submit_attempt(attempt=attempt, answers=answers_for(attempt, right=1), actor=SYSTEM)

    assert holds(personas, Role.EDITOR)
    suspension.refresh_from_db()
    assert suspension.restored_at is not None
    assert suspension not in open_rights_suspensions(council=personas.council)
    assert AuditEvent.objects.filter(action="learning.rights_restored").count() == 1


def test_the_daily_job_sweeps_every_council(trained_editor: Personas) -> None:
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        suspended = suspend_lapsed_publishing_rights.call()

    assert suspended == 3


def test_councils_without_the_rule_are_left_alone(personas: Personas) -> None:
    assert suspend_lapsed_rights(council=personas.council, actor=SYSTEM) == 0
    assert holds(personas, Role.EDITOR)


def test_the_command_suspends_for_one_council(trained_editor: Personas) -> None:
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0), tick=False):
        call_command("suspend_lapsed_rights", "--council", "wessex", stdout=out)

    assert "Wessex County Council: suspended 3 role(s)" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("suspend_lapsed_rights", "--council", "nowhere")
