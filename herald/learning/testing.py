"""Test helpers for learning (and for the contexts above it, such as the estate)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.core.testing import make_member
from herald.councils.models import Council, Membership
from herald.learning.models import (
    Choice,
    ConductRecord,
    Module,
    PolicyDocument,
    PolicyVersion,
    QuizAttempt,
)
from herald.learning.services.conduct import open_conduct_record
from herald.learning.services.content import save_lesson, save_question
from herald.learning.services.elearning import create_module, record_completion
from herald.learning.services.policies import (
    acknowledge_version,
    approve_version,
    create_document,
    draft_version,
)
from herald.people.models import StaffMember

TEST_POLICY_TEXT = "# Social Media Policy\n\nUse the council's accounts only as this policy says."


def ensure_policy_in_force(*, council_id: int, on: datetime.date) -> PolicyVersion:
    """The council's Social Media Policy with an approved version, made if missing."""
    document = PolicyDocument.objects.filter(
        council_id=council_id, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY
    ).first()
    if document is None:
        document = create_document(
            council=Council.objects.get(pk=council_id),
            kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY,
            title="Social Media Policy",
            actor=SYSTEM,
        )
    current = document.versions.filter(status=PolicyVersion.Status.APPROVED).first()
    if current is not None:
        return current
    draft = draft_version(document=document, body=TEST_POLICY_TEXT, change_summary="", actor=SYSTEM)
    return approve_version(
        version=draft,
        approved_on=on - datetime.timedelta(days=1),
        committee="Cabinet",
        actor=SYSTEM,
    )


def ensure_publisher_module(*, council_id: int) -> Module:
    module = Module.objects.filter(council_id=council_id, kind=Module.Kind.PUBLISHER).first()
    if module is not None:
        return module
    return create_module(
        council=Council.objects.get(pk=council_id),
        kind=Module.Kind.PUBLISHER,
        title="Publishing for the council",
        actor=SYSTEM,
    )


def make_trained(*, staff_member: StaffMember, on: datetime.date | None = None) -> None:
    """Make one person trained on ``on`` (today by default): a pass of the publisher module and
    an acknowledgement of the Social Media Policy in force, creating either if missing."""
    day = on or timezone.localdate()
    version = ensure_policy_in_force(council_id=staff_member.council_id, on=day)
    module = ensure_publisher_module(council_id=staff_member.council_id)
    record_completion(module=module, staff_member=staff_member, on=day, actor=SYSTEM)
    acknowledge_version(version=version, staff_member=staff_member, actor=SYSTEM)


def make_module(
    *, council: Council, kind: str = Module.Kind.AWARENESS, questions: int = 4
) -> Module:
    """A module with two lessons and ``questions`` questions, each answered right by "Right"."""
    module = create_module(
        council=council,
        kind=kind,
        title=f"Module {kind}",
        questions_per_attempt=questions,
        actor=SYSTEM,
    )
    for position in (1, 2):
        save_lesson(
            module=module,
            lesson=None,
            title=f"Lesson {position}",
            position=position,
            body=f"Lesson {position} text",
            actor=SYSTEM,
        )
    for number in range(1, questions + 1):
        save_question(
            module=module,
            question=None,
            text=f"Question {number}?",
            correct="Right",
            wrong=["Wrong", "Also wrong"],
            explanation="",
            actor=SYSTEM,
        )
    return module


def answers_for(attempt: QuizAttempt, *, right: int) -> dict[str, str]:
    """Answers to an attempt's paper: the first ``right`` questions answered correctly."""
    answers = {}
    for index, item in enumerate(attempt.paper):
        choices = {
            str(c.public_id): c for c in Choice.objects.filter(public_id__in=item["choices"])
        }
        wanted = index < right
        answers[item["question"]] = next(k for k, c in choices.items() if c.is_correct == wanted)
    return answers


def make_policy(
    *,
    council: Council,
    body: str = TEST_POLICY_TEXT,
    kind: str = PolicyDocument.Kind.SOCIAL_MEDIA_POLICY,
) -> PolicyVersion:
    """A document with an approved first version (approved a week ago)."""
    document = create_document(council=council, kind=kind, title=f"Document {kind}", actor=SYSTEM)
    draft = draft_version(document=document, body=body, change_summary="First", actor=SYSTEM)
    return approve_version(
        version=draft,
        approved_on=timezone.localdate() - datetime.timedelta(days=7),
        committee="Policy Committee",
        actor=SYSTEM,
    )


def make_conduct_record(
    *, staff_member: StaffMember, summary: str = "Posted about a resident on a personal account"
) -> ConductRecord:
    """An open conduct record about ``staff_member``, raised by their line manager."""
    manager = staff_member.line_manager
    if manager is None:
        raise ValueError("A conduct record is raised by the person's line manager")
    return open_conduct_record(
        council=staff_member.council,
        staff_member=staff_member,
        raised_by=manager,
        kind=ConductRecord.Kind.CONDUCT,
        summary=summary,
        occurred_on=timezone.localdate() - datetime.timedelta(days=2),
        actor=SYSTEM,
    )


def make_next_manager(*, manager: StaffMember, username: str = "head") -> Membership:
    """Someone who line-manages ``manager``: the next manager of ``manager``'s reports."""
    head = make_member(council=manager.council, username=username, job_title="Director")
    manager.line_manager = head.staff_member
    manager.save(update_fields=["line_manager"])
    return head
