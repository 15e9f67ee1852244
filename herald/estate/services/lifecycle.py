"""Setting up an approved account and closing one down (report ¶20). Closed accounts stay."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.estate.errors import ClosureIncomplete, ScheduledPostsPending, SetupIncomplete
from herald.estate.models import SocialAccount
from herald.estate.scheduled import scheduled_posts
from herald.estate.services.register import change_status, snapshot

if TYPE_CHECKING:
    from herald.estate.models import AdminAccess


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool


def setup_checklist(account: SocialAccount, access: list[AdminAccess]) -> list[ChecklistItem]:
    """What a new account needs before it goes live; ``access`` is its current admin access."""
    digital = any(a.is_digital_team and a.level in a.FULL_LEVELS for a in access)
    return [
        ChecklistItem("Council name and logo, profile text and website link", _branded(account)),
        ChecklistItem("Digital team holds admin access", digital),
        ChecklistItem("Two-factor authentication on", account.two_factor == account.TwoFactor.ON),
        ChecklistItem("House rules linked from the profile", account.brand_house_rules),
    ]


def _branded(account: SocialAccount) -> bool:
    return account.brand_name_and_logo and account.brand_profile_text and account.brand_website_link


def complete_setup(*, account: SocialAccount, actor: Actor) -> SocialAccount:
    """A requested account goes live only once every set-up item is done."""
    access = list(account.access.filter(removed_at__isnull=True))
    missing = [item.label for item in setup_checklist(account, access) if not item.done]
    if missing:
        raise SetupIncomplete("Finish setting up first: " + "; ".join(missing).lower())
    return change_status(
        account=account, to_status=SocialAccount.Status.ACTIVE, actor=actor, note="Set up"
    )


@transaction.atomic
def start_closure(
    *, account: SocialAccount, reason: str, actor: Actor, accept_scheduled_posts: bool = False
) -> SocialAccount:
    """Begin closing an account; posts still queued to it must be acknowledged first."""
    posts = scheduled_posts(account)
    if posts and not accept_scheduled_posts:
        raise ScheduledPostsPending(
            f"{len(posts)} post{'s are' if len(posts) != 1 else ' is'} scheduled to this account"
        )
    account = change_status(
        account=account, to_status=SocialAccount.Status.CLOSING, actor=actor, note=reason
    )
    account.closure_reason = reason
    account.save(update_fields=["closure_reason", "updated_at"])
    return account


CLOSURE_LABELS = {
    "closure_final_post": "A final post pointing followers elsewhere",
    "closure_content_archived": "Content archived for the council's records",
    "closure_access_removed": "Admin access removed",
    "closure_deactivated": "Deleted or deactivated on the network",
}


def closure_checklist(account: SocialAccount) -> list[ChecklistItem]:
    items = [ChecklistItem(label, getattr(account, name)) for name, label in CLOSURE_LABELS.items()]
    return [*items, ChecklistItem("Date closed", account.closed_on is not None)]


@transaction.atomic
def update_closure(
    *,
    account: SocialAccount,
    done: set[str],
    closed_on: datetime.date | None,
    actor: Actor,
) -> SocialAccount:
    """Tick off the closure checklist; with everything done and a date, the account is closed."""
    if account.status != SocialAccount.Status.CLOSING:
        raise ClosureIncomplete("Only an account that is closing has a closure checklist")
    before = snapshot(account) | _closure_values(account)
    for name in CLOSURE_LABELS:
        setattr(account, name, name in done)
    account.closed_on = closed_on
    account.save(update_fields=[*CLOSURE_LABELS, "closed_on", "updated_at"])
    record(
        council=account.council,
        actor=actor,
        action="estate.closure_updated",
        summary=f"Updated the closure checklist of {account}",
        target=account,
        changes=diff(before, snapshot(account) | _closure_values(account)),
    )
    if all(item.done for item in closure_checklist(account)):
        account = change_status(
            account=account, to_status=SocialAccount.Status.CLOSED, actor=actor, note="Closed"
        )
    return account


def _closure_values(account: SocialAccount) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(account, name) for name in CLOSURE_LABELS}
    values["closed_on"] = account.closed_on.isoformat() if account.closed_on else None
    return values
