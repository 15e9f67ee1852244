"""Requests for new accounts (report ¶20): a service asks, the digital team decides."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.transitions import move_status, start_history
from herald.estate import notify, workflow
from herald.estate.errors import NotTheRequester, TransitionNotAllowed
from herald.estate.models import AccountRequest, RequestStatusChange, SocialAccount
from herald.estate.services.register import check_address, create_account
from herald.estate.training import check_trained

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember

R = AccountRequest.Status


class RequestDetails(TypedDict):
    network: str
    handle: str
    url: str
    name: str
    service: Service
    business_case: str
    audience: str
    why_not_corporate: str
    content_plan: str
    hours_per_week: int
    owner: StaffMember
    deputy: StaffMember


def _check(council: Council, details: RequestDetails) -> RequestDetails:
    handle, url = check_address(
        council=council, network=details["network"], handle=details["handle"], url=details["url"]
    )
    check_trained(council=council, owner=details["owner"], deputy=details["deputy"])
    checked = details.copy()
    checked["handle"], checked["url"] = handle, url
    return checked


@transaction.atomic
def submit_request(
    *, council: Council, requested_by: User, details: RequestDetails, actor: Actor
) -> AccountRequest:
    """Any member of staff may ask for an account; the address and the holders are checked now."""
    checked = _check(council, details)
    request = AccountRequest.objects.create(council=council, requested_by=requested_by, **checked)
    start_history(
        obj=request,
        history=RequestStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note="",
    )
    record(
        council=council,
        actor=actor,
        action="estate.request_submitted",
        summary=f"Asked for a new account: {request.name} ({request.get_network_display()})",
        target=request,
    )
    notify.request_step(request=request, step="submitted")
    return request


@transaction.atomic
def resubmit_request(
    *, request: AccountRequest, details: RequestDetails, actor: Actor
) -> AccountRequest:
    """The requester answers the digital team's questions and sends the request back."""
    if actor.user is None or actor.user.pk != request.requested_by_id:
        raise NotTheRequester("Only the person who made the request can change it")
    checked = _check(request.council, details)
    for name, value in checked.items():
        setattr(request, name, value)
    request.save()
    _move(request, to_status=R.SUBMITTED, actor=actor, note="Changed and sent back")
    notify.request_step(request=request, step="submitted")
    return request


@transaction.atomic
def approve_request(*, request: AccountRequest, actor: Actor, note: str = "") -> AccountRequest:
    """The account enters the register as requested, to be set up against its checklist."""
    _move(request, to_status=R.APPROVED, actor=actor, note=note)
    request.account = create_account(
        council=request.council,
        details={
            "network": request.network,
            "handle": request.handle,
            "url": request.url,
            "name": request.name,
            "purpose": request.business_case,
            "audience": request.audience,
            "service": request.service,
            "kind": SocialAccount.Kind.SERVICE,
            "owner": request.owner,
            "deputy": request.deputy,
        },
        actor=actor,
        status=SocialAccount.Status.REQUESTED,
        note="Request approved",
    )
    request.save(update_fields=["account", "updated_at"])
    notify.request_step(request=request, step="approved", note=note)
    return request


@transaction.atomic
def reject_request(*, request: AccountRequest, reason: str, actor: Actor) -> AccountRequest:
    """Say no, and why: the requester sees the reason."""
    if not reason.strip():
        raise TransitionNotAllowed("Give the reason for rejecting the request")
    _move(request, to_status=R.REJECTED, actor=actor, note=reason)
    notify.request_step(request=request, step="rejected", note=reason)
    return request


@transaction.atomic
def ask_for_changes(*, request: AccountRequest, note: str, actor: Actor) -> AccountRequest:
    """Send the request back to the requester with what needs changing."""
    if not note.strip():
        raise TransitionNotAllowed("Say what needs to change")
    _move(request, to_status=R.CHANGES_REQUESTED, actor=actor, note=note)
    notify.request_step(request=request, step="changes_requested", note=note)
    return request


def _move(request: AccountRequest, *, to_status: str, actor: Actor, note: str) -> None:
    if not workflow.can_move_request(request.status, to_status):
        raise TransitionNotAllowed(
            f"A request that is {R(request.status).label.lower()} cannot become "
            f"{R(to_status).label.lower()}"
        )
    decided = (
        {"reviewer": actor.user, "decided_at": timezone.now()} if to_status != R.SUBMITTED else {}
    )
    from_status = move_status(
        obj=request,
        to_status=to_status,
        history=RequestStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile="Someone else dealt with this request just now",
        decision_note=note,
        **decided,
    )
    record(
        council=request.council,
        actor=actor,
        action="estate.request_" + to_status,
        summary=f"{request}: {R(to_status).label.lower()}",
        target=request,
        changes={"status": [from_status, to_status], **({"note": note} if note else {})},
    )
