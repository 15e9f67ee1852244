"""Ambassadors (register, nomination, the line manager's decision) and bespoke sessions."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.councils.selectors import council_services
from herald.learning import selectors
from herald.learning.forms import FeedbackForm, NominationForm, SessionForm
from herald.learning.services import people as services
from herald.learning.views.common import CONTENT_EDITORS, actor_for, own_record, posted


@council_required()
def ambassadors(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    register = selectors.ambassador_register(council=context.council)
    return render(request, "learning/ambassadors.jinja", {"register": register})


@council_required()
def nominate(request: HttpRequest) -> HttpResponse:
    """Put yourself forward; your line manager decides."""
    context = current_context(request)
    staff = own_record(context)
    form = NominationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate_ambassador(
                council=context.council,
                staff_member=staff,
                reason=form.cleaned_data["reason"],
                actor=actor_for(request, context),
            )
        except DomainError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, "Your nomination has gone to your line manager")
            return redirect("learning:ambassadors")
    return render(request, "learning/nominate.jinja", {"form": form})


@council_required(Role.LINE_MANAGER)
def decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    if request.method != "POST":
        raise Http404
    manager = own_record(context)
    nomination = selectors.nomination(council=context.council, public_id=public_id)
    if nomination.staff_member.line_manager_id != manager.pk:
        raise Http404
    try:
        services.decide_nomination(
            nomination=nomination,
            approve=request.POST.get("decision") == "approve",
            decided_by=manager,
            actor=actor_for(request, context),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Decision recorded for {nomination.staff_member.full_name}")
    return redirect("learning:team")


@council_required()
def sessions(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    upcoming = selectors.upcoming_sessions(council=context.council)
    if request.method == "POST":
        session = selectors.training_session(
            council=context.council, public_id=request.POST.get("session", "")
        )
        try:
            services.book_place(
                session=session, staff_member=own_record(context), actor=actor_for(request, context)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"You have a place on {session.title}")
        return redirect("learning:sessions")
    return render(
        request,
        "learning/sessions.jinja",
        {"sessions": upcoming, "can_schedule": context.has_any(*CONTENT_EDITORS)},
    )


@council_required(*CONTENT_EDITORS)
def session_create(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    services_by_id = {str(s.public_id): s for s in council_services(council=context.council)}
    form = SessionForm(posted(request), services=[(k, s.name) for k, s in services_by_id.items()])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
        session = services.schedule_session(
            council=context.council,
            title=data["title"],
            starts_at=starts_at,
            location=data["location"],
            capacity=data["capacity"],
            service=services_by_id.get(data["service"]),
            actor=actor_for(request, context),
        )
        return redirect("learning:session", public_id=session.public_id)
    return render(request, "learning/session_form.jinja", {"form": form})


@council_required()
def session_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Organisers see who booked and record attendance; attendees give feedback."""
    context = current_context(request)
    session = selectors.training_session(council=context.council, public_id=public_id)
    organiser = context.has_any(*CONTENT_EDITORS)
    own = session.bookings.filter(staff_member_id=context.membership.staff_member_id).first()
    form = FeedbackForm(posted(request) if request.POST.get("form") == "feedback" else None)
    if request.method == "POST" and request.POST.get("form") == "attendance" and organiser:
        booking = selectors.session_booking(
            session=session, public_id=request.POST.get("booking", "")
        )
        services.record_attendance(
            booking=booking,
            attended=request.POST.get("attended") == "yes",
            actor=actor_for(request, context),
        )
        return redirect("learning:session", public_id=session.public_id)
    if request.method == "POST" and own is not None and form.is_valid():
        try:
            services.give_feedback(
                booking=own,
                rating=int(form.cleaned_data["rating"]),
                comment=form.cleaned_data["comment"],
                actor=actor_for(request, context),
            )
        except DomainError as error:
            form.add_error("rating", error.message)
        else:
            messages.success(request, "Thank you for your feedback")
            return redirect("learning:session", public_id=session.public_id)
    bookings = session.bookings.select_related("staff_member") if organiser else []
    return render(
        request,
        "learning/session_detail.jinja",
        {
            "session": session,
            "organiser": organiser,
            "own": own,
            "form": form,
            "bookings": bookings,
        },
    )
