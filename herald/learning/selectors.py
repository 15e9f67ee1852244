"""Reads about policies and training, always from inside one council."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from herald.learning.models import (
    Acknowledgement,
    Ambassador,
    Choice,
    Completion,
    ConductNote,
    ConductRecord,
    LearningSettings,
    Lesson,
    LessonProgress,
    Module,
    PolicyDocument,
    PolicyVersion,
    Question,
    QuizAttempt,
    RightsSuspension,
    SessionBooking,
    TrainingSession,
)
from herald.learning.models.conduct import DEFAULT_RETENTION_MONTHS

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember


def version_in_force(
    *, council: Council, kind: str, on: datetime.date | None = None
) -> PolicyVersion | None:
    """The approved version of the council's document of ``kind`` that was in force on ``on``."""
    return (
        PolicyVersion.objects.filter(council=council, document__kind=kind)
        .in_force(on=on or timezone.localdate())
        .select_related("document")
        .order_by("-approved_on", "-number")
        .first()
    )


def trained_staff_ids(
    *, council: Council, staff_ids: Iterable[int], on: datetime.date | None = None
) -> set[int]:
    """Of ``staff_ids``, those who on ``on`` hold an unexpired pass of the publisher module and
    have acknowledged the Social Media Policy version in force. No policy in force: nobody."""
    day = on or timezone.localdate()
    ids = list(staff_ids)
    version = version_in_force(
        council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=day
    )
    if version is None or not ids:
        return set()
    passed = set(
        Completion.objects.filter(
            council=council, module__kind=Module.Kind.PUBLISHER, staff_member_id__in=ids
        )
        .current(on=day)
        .values_list("staff_member_id", flat=True)
    )
    acknowledged = set(
        Acknowledgement.objects.filter(version=version, staff_member_id__in=passed).values_list(
            "staff_member_id", flat=True
        )
    )
    return passed & acknowledged


def _get_or_404[M: Model](queryset: QuerySet[M], public_id: UUID | str) -> M:
    try:
        found: M = queryset.get(public_id=public_id)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    return found


def policy_documents(*, council: Council) -> QuerySet[PolicyDocument]:
    """The council's documents, each with the version in force (if any) joined in."""
    in_force = PolicyVersion.objects.filter(
        document=OuterRef("pk"), status=PolicyVersion.Status.APPROVED
    )
    return council.policy_documents.annotate(
        current_number=Subquery(in_force.values("number")[:1]),
        current_public_id=Subquery(in_force.values("public_id")[:1]),
        approved_on=Subquery(in_force.values("approved_on")[:1]),
    )


def policy_document(*, council: Council, public_id: UUID | str) -> PolicyDocument:
    return _get_or_404(council.policy_documents.all(), public_id)


def policy_version(*, council: Council, public_id: UUID | str) -> PolicyVersion:
    """A version of this council's documents; another council's is a 404."""
    return _get_or_404(council.policy_versions.select_related("document"), public_id)


def acknowledgement_of(
    *, version: PolicyVersion, staff_member: StaffMember | None
) -> Acknowledgement | None:
    if staff_member is None:
        return None
    return version.acknowledgements.filter(staff_member=staff_member).first()


def versions_to_acknowledge(*, council: Council, staff_member: StaffMember) -> list[PolicyVersion]:
    """Versions in force this person has been asked to acknowledge and has not."""
    acknowledged = Acknowledgement.objects.filter(
        staff_member=staff_member, version=OuterRef("version")
    )
    return [
        request.version
        for request in council.acknowledgement_requests.filter(
            staff_member=staff_member, version__status=PolicyVersion.Status.APPROVED
        )
        .exclude(Exists(acknowledged))
        .select_related("version__document")
    ]


def outstanding_for_version(*, council: Council, version: PolicyVersion) -> QuerySet[StaffMember]:
    """Current staff asked to acknowledge ``version`` who have not yet."""
    asked = version.requests.values("staff_member_id")
    done = version.acknowledgements.values("staff_member_id")
    return (
        council.staff_members.filter(pk__in=asked)
        .exclude(pk__in=done)
        .current()
        .select_related("service", "line_manager")
    )


def modules(*, council: Council, published_only: bool = True) -> QuerySet[Module]:
    found = council.modules.all()
    return found.filter(is_published=True) if published_only else found


def module(*, council: Council, public_id: UUID | str) -> Module:
    return _get_or_404(council.modules.all(), public_id)


def lesson(*, council: Council, public_id: UUID | str) -> Lesson:
    return _get_or_404(
        Lesson.objects.filter(module__council=council).select_related("module"), public_id
    )


def question(*, council: Council, public_id: UUID | str) -> Question:
    return _get_or_404(
        Question.objects.filter(module__council=council)
        .select_related("module")
        .prefetch_related("choices"),
        public_id,
    )


def own_attempt(
    *, council: Council, staff_member: StaffMember, public_id: UUID | str
) -> QuizAttempt:
    """One of this person's own quiz attempts; anyone else's is a 404."""
    return _get_or_404(
        council.quiz_attempts.filter(staff_member=staff_member).select_related("module"), public_id
    )


def completion(*, council: Council, public_id: UUID | str) -> Completion:
    return _get_or_404(council.completions.select_related("module", "staff_member"), public_id)


def current_completion(
    *, module: Module, staff_member: StaffMember, on: datetime.date | None = None
) -> Completion | None:
    return (
        module.completions.filter(staff_member=staff_member)
        .current(on=on or timezone.localdate())
        .order_by("-expires_on")
        .first()
    )


def lessons_done(*, module: Module, staff_member: StaffMember) -> set[int]:
    return set(
        LessonProgress.objects.filter(staff_member=staff_member, lesson__module=module).values_list(
            "lesson_id", flat=True
        )
    )


def paper_texts(*, attempt: QuizAttempt) -> dict[str, str]:
    """The words of the questions and choices on an attempt's paper, by public id."""
    ids = [item["question"] for item in attempt.paper]
    texts = {
        str(q.public_id): q.text
        for q in Question.objects.filter(module=attempt.module, public_id__in=ids)
    }
    for choice in Choice.objects.filter(
        question__module=attempt.module, question__public_id__in=ids
    ):
        texts[str(choice.public_id)] = choice.text
    return texts


def latest_completions(*, staff_member: StaffMember) -> dict[int, Completion]:
    """Each module's latest-expiring completion for this person, by module id."""
    latest: dict[int, Completion] = {}
    for found in staff_member.completions.order_by("expires_on"):
        latest[found.module_id] = found
    return latest


def learning_due(*, council: Council, staff_member: StaffMember) -> tuple[int, int]:
    """(policies waiting for this person's acknowledgement, published modules without a current
    pass): the home page's reminders, in three queries."""
    to_acknowledge = len(versions_to_acknowledge(council=council, staff_member=staff_member))
    current = staff_member.completions.current(on=timezone.localdate()).values("module_id")
    due = council.modules.filter(is_published=True, kind=Module.Kind.AWARENESS).exclude(
        pk__in=current
    )
    return to_acknowledge, due.count()


def ambassador_register(*, council: Council) -> QuerySet[Ambassador]:
    """Approved ambassadors, by service then name."""
    return (
        council.ambassadors.filter(status=Ambassador.Status.APPROVED)
        .select_related("staff_member__service")
        .order_by("staff_member__service__name", "staff_member__last_name")
    )


def nominations_awaiting(*, council: Council, manager: StaffMember) -> QuerySet[Ambassador]:
    """Nominations of this manager's direct reports still waiting for their decision."""
    return council.ambassadors.filter(
        status=Ambassador.Status.NOMINATED, staff_member__line_manager=manager
    ).select_related("staff_member")


def nomination(*, council: Council, public_id: UUID | str) -> Ambassador:
    return _get_or_404(council.ambassadors.select_related("staff_member"), public_id)


def upcoming_sessions(*, council: Council) -> QuerySet[TrainingSession]:
    return (
        council.training_sessions.filter(starts_at__gte=timezone.now())
        .select_related("service")
        .annotate(booked=Count("bookings"))
    )


def training_session(*, council: Council, public_id: UUID | str) -> TrainingSession:
    return _get_or_404(council.training_sessions.select_related("service"), public_id)


def session_booking(*, session: TrainingSession, public_id: UUID | str) -> SessionBooking:
    return _get_or_404(
        session.bookings.select_related("staff_member", "session__council"), public_id
    )


def open_rights_suspensions(*, council: Council) -> QuerySet[RightsSuspension]:
    """Publishing roles suspended for lapsed training and not yet restored (for the estate's
    register, which raises a finding for each account the person worked on)."""
    return council.rights_suspensions.filter(restored_at__isnull=True).select_related(
        "staff_member", "membership__user"
    )


def conduct_record(*, council: Council, public_id: UUID | str) -> ConductRecord:
    """A record in this council (whether the viewer may see it is the view's question)."""
    records = council.conduct_records.select_related(
        "staff_member__line_manager", "raised_by", "closed_by"
    )
    return _get_or_404(records, public_id)


def conduct_notes(*, matter: ConductRecord) -> QuerySet[ConductNote]:
    return matter.notes.all()


def team_conduct_records(*, council: Council, manager: StaffMember) -> QuerySet[ConductRecord]:
    """Records about the people this manager manages, or whose managers they manage."""
    return council.conduct_records.filter(
        Q(staff_member__line_manager=manager) | Q(staff_member__line_manager__line_manager=manager)
    ).select_related("staff_member")


def open_conduct_records(*, council: Council) -> QuerySet[ConductRecord]:
    """Every open record in the council, for HR."""
    return council.conduct_records.filter(status=ConductRecord.Status.OPEN).select_related(
        "staff_member", "raised_by"
    )


def conduct_retention_months(*, council: Council) -> int:
    found = LearningSettings.objects.filter(council=council).first()
    return found.conduct_retention_months if found else DEFAULT_RETENTION_MONTHS
