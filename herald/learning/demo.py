"""The demo councils' policies, e-learning and a mix of training states, through the services.

Idempotent: a council that already has its Social Media Policy is left as it is.
"""

from __future__ import annotations

import datetime
from importlib import resources
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.learning.demo_content import modules as content
from herald.learning.models import ConductRecord, Module, PolicyDocument, PolicyVersion
from herald.learning.services.conduct import add_advice_note, open_conduct_record
from herald.learning.services.content import save_lesson, save_question
from herald.learning.services.elearning import create_module, record_completion
from herald.learning.services.people import decide_nomination, nominate_ambassador, schedule_session
from herald.learning.services.policies import (
    acknowledge_version,
    approve_version,
    create_document,
    draft_version,
)

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember

COMMITTEE = "Policy Committee"
# The people the demo sign-ins use to publish: trained, so their roles stand.
PUBLISHERS = ("demo-editor", "demo-approver", "demo-owner", "demo-digital")


def _text(name: str, council: Council) -> str:
    body = resources.files("herald.learning.demo_content").joinpath(name).read_text("utf-8")
    return body.replace("{council}", council.name)


def _approved(
    document: PolicyDocument, body: str, summary: str, approved_on: datetime.date
) -> PolicyVersion:
    draft = draft_version(document=document, body=body, change_summary=summary, actor=SYSTEM)
    return approve_version(
        version=draft, approved_on=approved_on, committee=COMMITTEE, actor=SYSTEM
    )


def _documents(council: Council, today: datetime.date) -> PolicyVersion:
    """The Policy (two versions), Strategy and Guidelines; returns the Policy in force."""
    kind, scope = PolicyDocument.Kind, PolicyDocument.Scope
    review = today + datetime.timedelta(days=640)
    policy = create_document(
        council=council,
        kind=kind.SOCIAL_MEDIA_POLICY,
        title="Social Media Policy",
        acknowledgement_scope=scope.EVERYONE,
        next_review_on=review,
        actor=SYSTEM,
    )
    _approved(
        policy,
        _text("policy_v1.md", council),
        "First version",
        today - datetime.timedelta(days=430),
    )
    current = _approved(
        policy,
        _text("policy_v2.md", council),
        "Publishing rights now follow training; safeguarding and accessibility added",
        today - datetime.timedelta(days=60),
    )
    for doc_kind, title, name, doc_scope in (
        (kind.STRATEGY, "Social Media Strategy", "strategy.md", scope.NOBODY),
        (kind.GUIDELINES, "Social Media Guidelines", "guidelines.md", scope.ACCOUNT_ROLES),
    ):
        document = create_document(
            council=council,
            kind=doc_kind,
            title=title,
            acknowledgement_scope=doc_scope,
            next_review_on=review,
            actor=SYSTEM,
        )
        _approved(
            document, _text(name, council), "First version", today - datetime.timedelta(days=60)
        )
    return current


def _module(
    council: Council,
    kind: str,
    spec: tuple[str, str, tuple[content.Lesson, ...], tuple[content.QuizQuestion, ...]],
) -> Module:
    title, summary, lessons, questions = spec
    module = create_module(
        council=council,
        kind=kind,
        title=title,
        summary=summary,
        questions_per_attempt=min(len(questions), 6),
        actor=SYSTEM,
    )
    for position, (lesson_title, body) in enumerate(lessons, start=1):
        save_lesson(
            module=module,
            lesson=None,
            title=lesson_title,
            position=position,
            body=body,
            actor=SYSTEM,
        )
    for text, right, wrong in questions:
        save_question(
            module=module,
            question=None,
            text=text,
            correct=right,
            wrong=list(wrong),
            explanation="",
            actor=SYSTEM,
        )
    return module


def _train_everyone(
    council: Council,
    today: datetime.date,
    policy: PolicyVersion,
    awareness: Module,
    publisher: Module,
) -> None:
    """A quarter current and acknowledged, a quarter expired, a quarter never, a quarter
    trained but not yet acknowledged; the demo publishers fully trained."""
    publishers = set(
        council.memberships.filter(user__username__in=PUBLISHERS).values_list(
            "staff_member_id", flat=True
        )
    )
    staff: list[StaffMember] = list(council.staff_members.current().order_by("employee_number"))
    for index, person in enumerate(staff):
        if person.pk in publishers:
            _complete(awareness, person, today - datetime.timedelta(days=90))
            _complete(publisher, person, today - datetime.timedelta(days=30))
            acknowledge_version(version=policy, staff_member=person, actor=SYSTEM)
        elif index % 4 == 0:
            _complete(awareness, person, today - datetime.timedelta(days=100))
            acknowledge_version(version=policy, staff_member=person, actor=SYSTEM)
        elif index % 4 == 1:
            _complete(awareness, person, today - datetime.timedelta(days=400))
        elif index % 4 == 3:
            _complete(awareness, person, today - datetime.timedelta(days=200))


def _complete(module: Module, person: StaffMember, on: datetime.date) -> None:
    record_completion(module=module, staff_member=person, on=on, actor=SYSTEM)


def load_demo(*, council: Council) -> None:
    """Make sure the council has its Policy, Strategy, Guidelines, both modules and mixed training."""
    if council.policy_documents.filter(kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY).exists():
        return
    today = timezone.localdate()
    policy = _documents(council, today)
    awareness = _module(
        council,
        Module.Kind.AWARENESS,
        (
            content.AWARENESS_TITLE,
            content.AWARENESS_SUMMARY,
            content.AWARENESS_LESSONS,
            content.AWARENESS_QUESTIONS,
        ),
    )
    publisher = _module(
        council,
        Module.Kind.PUBLISHER,
        (
            content.PUBLISHER_TITLE,
            content.PUBLISHER_SUMMARY,
            content.PUBLISHER_LESSONS,
            content.PUBLISHER_QUESTIONS,
        ),
    )
    _train_everyone(council, today, policy, awareness, publisher)
    _ambassador_and_session(council)
    _conduct_record(council, today)


def _conduct_record(council: Council, today: datetime.date) -> None:
    """An open restricted record about demo-staff, raised by their line manager, with HR advice."""
    membership = council.memberships.filter(user__username="demo-staff").first()
    person = membership.staff_member if membership else None
    if person is None or person.line_manager is None:
        return
    matter = open_conduct_record(
        council=council,
        staff_member=person,
        raised_by=person.line_manager,
        kind=ConductRecord.Kind.CONDUCT,
        summary="Replied to a resident's complaint about bin collections from a personal account, "
        "naming the crew involved.",
        occurred_on=today - datetime.timedelta(days=6),
        actor=SYSTEM,
    )
    add_advice_note(
        matter=matter,
        body="Start at the informal stage: go through the Social Media Guidelines on personal "
        "use together and ask them to take the post down.",
        actor=SYSTEM,
    )


def _ambassador_and_session(council: Council) -> None:
    """demo-ambassador on the register (approved by their line manager) and a session to book."""
    membership = council.memberships.filter(user__username="demo-ambassador").first()
    person = membership.staff_member if membership else None
    if person is not None and person.line_manager is not None:
        nomination = nominate_ambassador(
            council=council,
            staff_member=person,
            reason="Runs the library's social media",
            actor=SYSTEM,
        )
        decide_nomination(
            nomination=nomination, approve=True, decided_by=person.line_manager, actor=SYSTEM
        )
    starts = timezone.now().replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=14)
    schedule_session(
        council=council,
        title="Writing for social media",
        starts_at=starts,
        location="Committee Room 2, County Hall",
        capacity=16,
        service=None,
        actor=SYSTEM,
    )
