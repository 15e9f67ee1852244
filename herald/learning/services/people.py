"""Ambassadors (nominated, approved by their line manager) and bespoke training sessions."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.councils.roles import Role
from herald.councils.services import grant_role
from herald.learning.models import Ambassador, SessionBooking, TrainingSession
from herald.learning.services.errors import NotInThisCouncil

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember


class AlreadyNominated(DomainError):
    code = "already_nominated"


class NotTheirLineManager(DomainError):
    code = "not_their_line_manager"


class SessionFull(DomainError):
    code = "session_full"


class FeedbackNotAllowed(DomainError):
    code = "feedback_not_allowed"


@transaction.atomic
def nominate_ambassador(
    *, council: Council, staff_member: StaffMember, reason: str, actor: Actor
) -> Ambassador:
    """Put someone forward as a social media ambassador; their line manager decides."""
    if staff_member.council_id != council.pk:
        raise NotInThisCouncil("That person does not work for this council.")
    live = (Ambassador.Status.NOMINATED, Ambassador.Status.APPROVED)
    if council.ambassadors.filter(staff_member=staff_member, status__in=live).exists():
        raise AlreadyNominated(f"{staff_member.full_name} is already nominated or an ambassador.")
    nomination = council.ambassadors.create(
        staff_member=staff_member, reason=reason, nominated_by=actor.user
    )
    record(
        council=council,
        actor=actor,
        action="ambassador.nominated",
        summary=f"Nominated {staff_member.full_name} as a social media ambassador",
        target=nomination,
    )
    return nomination


@transaction.atomic
def decide_nomination(
    *, nomination: Ambassador, approve: bool, decided_by: StaffMember, actor: Actor
) -> Ambassador:
    """Only the nominee's line manager decides; approval grants the ambassador role."""
    nominee = nomination.staff_member
    if nominee.line_manager_id != decided_by.pk:
        raise NotTheirLineManager("Only the nominee's line manager can decide this nomination.")
    status = Ambassador.Status.APPROVED if approve else Ambassador.Status.DECLINED
    claimed = Ambassador.objects.filter(
        pk=nomination.pk, status=Ambassador.Status.NOMINATED
    ).update(status=status, decided_by=actor.user, decided_at=timezone.now())
    if not claimed:
        raise DomainError("This nomination has already been decided.")
    nomination.status = status
    membership = getattr(nominee, "membership", None)
    if approve and membership is not None:
        grant_role(membership=membership, role=Role.AMBASSADOR, actor=actor)
    record(
        council=nomination.council,
        actor=actor,
        action=f"ambassador.{status}",
        summary=f"{nominee.full_name}'s ambassador nomination {status}",
        target=nomination,
    )
    return nomination


@transaction.atomic
def schedule_session(
    *,
    council: Council,
    title: str,
    starts_at: datetime.datetime,
    location: str,
    capacity: int,
    service: Service | None,
    actor: Actor,
) -> TrainingSession:
    if service is not None and service.council_id != council.pk:
        raise NotInThisCouncil("That service belongs to another council.")
    session = council.training_sessions.create(
        title=title, starts_at=starts_at, location=location, capacity=capacity, service=service
    )
    record(
        council=council,
        actor=actor,
        action="session.scheduled",
        summary=f"Scheduled {title}",
        target=session,
    )
    return session


@transaction.atomic
def book_place(
    *, session: TrainingSession, staff_member: StaffMember, actor: Actor
) -> SessionBooking:
    """A place on a session, while there is one (the session row is locked while counting)."""
    if staff_member.council_id != session.council_id:
        raise NotInThisCouncil("That person does not work for this council.")
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    existing = locked.bookings.filter(staff_member=staff_member).first()
    if existing is not None:
        return existing
    if locked.bookings.count() >= locked.capacity:
        raise SessionFull(f"{session.title} is full.")
    booking = locked.bookings.create(staff_member=staff_member)
    record(
        council=session.council,
        actor=actor,
        action="session.booked",
        summary=f"{staff_member.full_name} booked {session.title}",
        target=session,
    )
    return booking


@transaction.atomic
def record_attendance(*, booking: SessionBooking, attended: bool, actor: Actor) -> SessionBooking:
    booking.attended = attended
    booking.save(update_fields=["attended", "updated_at"])
    record(
        council=booking.session.council,
        actor=actor,
        action="session.attendance",
        summary=f"{booking.staff_member.full_name} {'attended' if attended else 'did not attend'} {booking.session.title}",
        target=booking.session,
    )
    return booking


@transaction.atomic
def give_feedback(
    *, booking: SessionBooking, rating: int, comment: str, actor: Actor
) -> SessionBooking:
    """Feedback from someone who attended, rating 1 (poor) to 5 (excellent)."""
    if not booking.attended:
        raise FeedbackNotAllowed("Only people who attended can give feedback.")
    if not 1 <= rating <= 5:
        raise FeedbackNotAllowed("Rate the session from 1 to 5.")
    booking.feedback_rating, booking.feedback_comment = rating, comment[:1000]
    booking.save(update_fields=["feedback_rating", "feedback_comment", "updated_at"])
    record(
        council=booking.session.council,
        actor=actor,
        action="session.feedback",
        summary=f"Feedback on {booking.session.title}",
        target=booking.session,
    )
    return booking
