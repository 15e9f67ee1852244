"""Emails to people about their requests and accounts, sent once the change has committed."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction

if TYPE_CHECKING:
    from herald.estate.models import AccountRequest

_REQUEST_SUBJECTS = {
    "submitted": "We have your request for a new social media account",
    "changes_requested": "Changes needed to your social media account request",
    "approved": "Your social media account request is approved",
    "rejected": "Your social media account request was not approved",
}


def request_step(*, request: AccountRequest, step: str, note: str = "") -> None:
    """Tell the requester where their request has got to (every step, report ¶20)."""
    email = request.requested_by.email
    if not email:
        return
    lines = [
        f"Your request for {request.name} ({request.get_network_display()}) "
        f"is now: {request.get_status_display().lower()}.",
    ]
    if note:
        lines += ["", note]
    lines += ["", "You can see your requests in Herald under 'Your account requests'."]
    transaction.on_commit(
        partial(
            send_mail,
            subject=_REQUEST_SUBJECTS[step],
            message="\n".join(lines),
            from_email=None,
            recipient_list=[email],
        )
    )
