"""Policy versions: drafting, approval by committee, superseding, acknowledgement with evidence."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.learning import workflow
from herald.learning.models import AcknowledgementRequest, PolicyDocument, PolicyVersion
from herald.learning.services.errors import TransitionNotAllowed, VersionNotCurrent
from herald.learning.services.policies import (
    acknowledge_version,
    approve_version,
    create_document,
    draft_version,
)
from herald.learning.testing import make_policy

DAY = datetime.date(2026, 11, 12)
S = PolicyVersion.Status


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        (S.DRAFT, S.APPROVED, True),
        (S.DRAFT, S.SUPERSEDED, False),
        (S.APPROVED, S.SUPERSEDED, True),
        (S.APPROVED, S.DRAFT, False),
        (S.SUPERSEDED, S.APPROVED, False),
        (S.SUPERSEDED, S.DRAFT, False),
    ],
)
def test_transition_table(from_status: str, to_status: str, allowed: bool) -> None:
    assert workflow.can_move(from_status=from_status, to_status=to_status) is allowed


def test_approving_a_new_version_supersedes_the_old_and_asks_everyone(personas: Personas) -> None:
    first = make_policy(council=personas.council)
    second = draft_version(document=first.document, body="v2", change_summary="More", actor=SYSTEM)

    approve_version(version=second, approved_on=DAY, committee="Policy Committee", actor=SYSTEM)

    first.refresh_from_db()
    assert (first.status, first.superseded_on) == (S.SUPERSEDED, DAY)
    assert (second.status, second.approved_on, second.number) == (S.APPROVED, DAY, 2)
    asked = set(
        AcknowledgementRequest.objects.filter(version=second).values_list(
            "staff_member_id", flat=True
        )
    )
    current = set(personas.council.staff_members.current().values_list("pk", flat=True))
    assert asked == current
    assert list(second.status_changes.values_list("from_status", "to_status")) == [
        ("draft", "approved")
    ]
    assert AuditEvent.objects.filter(
        action="policy.version_superseded", target_id=str(first.public_id)
    ).exists()


def test_account_role_documents_ask_only_publishers(personas: Personas) -> None:
    document = create_document(
        council=personas.council,
        kind=PolicyDocument.Kind.GUIDELINES,
        title="Guidelines",
        acknowledgement_scope=PolicyDocument.Scope.ACCOUNT_ROLES,
        actor=SYSTEM,
    )
    draft = draft_version(document=document, body="Guidance", change_summary="", actor=SYSTEM)

    approve_version(version=draft, approved_on=DAY, committee="Policy Committee", actor=SYSTEM)

    asked = set(draft.requests.values_list("staff_member_id", flat=True))
    assert asked == {
        personas.record_of(m).pk for m in (personas.editor, personas.approver, personas.officer)
    }


def test_an_approved_version_cannot_be_approved_again(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    # Approving the version in force again would supersede itself: the table refuses.
    with pytest.raises(TransitionNotAllowed):
        approve_version(version=version, approved_on=DAY, committee="Cabinet", actor=SYSTEM)


def test_drafting_twice_rewrites_the_one_draft(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    draft_version(document=version.document, body="a", change_summary="", actor=SYSTEM)
    again = draft_version(document=version.document, body="b", change_summary="", actor=SYSTEM)

    assert version.document.versions.filter(status=S.DRAFT).count() == 1
    assert again.body == "b"
    assert again.content_sha256 == hashlib.sha256(b"b").hexdigest()


def test_acknowledgement_keeps_the_evidence(personas: Personas) -> None:
    version = make_policy(council=personas.council, body="Read me")
    actor = Actor(user=personas.staff.user, ip_address="192.0.2.7")

    ack = acknowledge_version(
        version=version,
        staff_member=personas.record_of(personas.staff),
        actor=actor,
        user_agent="Firefox",
    )

    assert (ack.user, ack.ip_address, ack.user_agent) == (
        personas.staff.user,
        "192.0.2.7",
        "Firefox",
    )
    assert ack.content_sha256 == hashlib.sha256(b"Read me").hexdigest()
    assert AuditEvent.objects.filter(action="policy.acknowledged").count() == 1


def test_acknowledging_a_superseded_version_is_refused_with_the_current_offered(
    personas: Personas,
) -> None:
    first = make_policy(council=personas.council)
    second = draft_version(document=first.document, body="v2", change_summary="", actor=SYSTEM)
    approve_version(version=second, approved_on=DAY, committee="Cabinet", actor=SYSTEM)
    first.refresh_from_db()

    with pytest.raises(VersionNotCurrent, match="Read version 2 instead") as refused:
        acknowledge_version(
            version=first, staff_member=personas.record_of(personas.staff), actor=SYSTEM
        )

    assert refused.value.current == second
    assert not first.acknowledgements.exists()


def test_a_draft_cannot_be_acknowledged(personas: Personas) -> None:
    first = make_policy(council=personas.council)
    draft = draft_version(document=first.document, body="v2", change_summary="", actor=SYSTEM)

    with pytest.raises(VersionNotCurrent):
        acknowledge_version(
            version=draft, staff_member=personas.record_of(personas.staff), actor=SYSTEM
        )
