"""Who counts as trained: the selector the estate and the gate rely on."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.models import PolicyVersion
from herald.learning.selectors import trained_staff_ids
from herald.learning.services.policies import approve_version, draft_version
from herald.learning.testing import make_trained

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def staff(personas: Personas) -> tuple[int, int]:
    return personas.record_of(personas.editor).pk, personas.record_of(personas.staff).pk


def test_nobody_is_trained_without_a_policy_in_force(
    personas: Personas, staff: tuple[int, int]
) -> None:
    assert trained_staff_ids(council=personas.council, staff_ids=staff, on=TODAY) == set()


def test_make_trained_trains_exactly_that_person(
    personas: Personas, staff: tuple[int, int]
) -> None:
    make_trained(staff_member=personas.record_of(personas.editor), on=TODAY)

    assert trained_staff_ids(council=personas.council, staff_ids=staff, on=TODAY) == {staff[0]}


def test_training_lapses_after_twelve_months(personas: Personas, staff: tuple[int, int]) -> None:
    make_trained(staff_member=personas.record_of(personas.editor), on=TODAY)

    still = datetime.date(2027, 12, 6)
    lapsed = datetime.date(2027, 12, 7)
    assert trained_staff_ids(council=personas.council, staff_ids=staff, on=still) == {staff[0]}
    assert trained_staff_ids(council=personas.council, staff_ids=staff, on=lapsed) == set()


def test_a_new_policy_version_needs_a_new_acknowledgement(
    personas: Personas, staff: tuple[int, int]
) -> None:
    make_trained(staff_member=personas.record_of(personas.editor), on=TODAY)
    version = PolicyVersion.objects.get(council=personas.council)
    new = draft_version(
        document=version.document, body="# Policy v2", change_summary="Updated", actor=SYSTEM
    )
    approve_version(version=new, approved_on=TODAY, committee="Cabinet", actor=SYSTEM)

    assert trained_staff_ids(council=personas.council, staff_ids=staff, on=TODAY) == set()


def test_another_councils_training_does_not_count(personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.editor), on=TODAY)
    outsider = personas.record_of(personas.outsider).pk

    assert (
        trained_staff_ids(council=personas.other_council, staff_ids=[outsider], on=TODAY) == set()
    )


def test_the_selector_uses_a_fixed_number_of_queries(personas: Personas) -> None:
    for membership in (personas.editor, personas.approver, personas.staff):
        make_trained(staff_member=personas.record_of(membership), on=TODAY)
    ids = list(personas.council.staff_members.values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        trained = trained_staff_ids(council=personas.council, staff_ids=ids, on=TODAY)

    assert len(trained) == 3
    assert len(queries) == 3
