"""HR's compliance figures by service and the manager's team rows are right."""

from __future__ import annotations

import datetime

from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.compliance import compliance_by_service, team_training
from herald.learning.models import Module
from herald.learning.services.elearning import record_completion
from herald.learning.testing import make_module, make_trained


def test_the_overview_counts_each_figure(personas: Personas) -> None:
    today = timezone.localdate()
    awareness = make_module(council=personas.council, kind=Module.Kind.AWARENESS)
    make_trained(staff_member=personas.record_of(personas.editor))
    record_completion(
        module=awareness, staff_member=personas.record_of(personas.staff), on=today, actor=SYSTEM
    )
    # Expired: counts for nobody.
    record_completion(
        module=awareness,
        staff_member=personas.record_of(personas.hr),
        on=today - datetime.timedelta(days=400),
        actor=SYSTEM,
    )

    (libraries,) = compliance_by_service(council=personas.council, on=today)

    staff = personas.council.staff_members.count()
    assert (libraries.service, libraries.staff) == ("Libraries", staff)
    assert (libraries.aware, libraries.acknowledged) == (1, 1)
    # officer, editor and approver hold publishing roles; only the editor is trained.
    assert (libraries.publishers, libraries.publishers_trained) == (3, 1)


def test_the_team_view_shows_passes_acknowledgement_and_roles(personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.editor))
    manager = personas.record_of(personas.line_manager)
    reports = list(personas.council.staff_members.filter(line_manager=manager))

    rows = {
        row.person.pk: row
        for row in team_training(council=personas.council, reports=reports, on=timezone.localdate())
    }

    editor = rows[personas.record_of(personas.editor).pk]
    staff = rows[personas.record_of(personas.staff).pk]
    assert ("publisher" in editor.passes, editor.acknowledged, editor.roles) == (
        True,
        True,
        ["editor"],
    )
    assert (staff.passes, staff.acknowledged, staff.roles) == ({}, False, [])
