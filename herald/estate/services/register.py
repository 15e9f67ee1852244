"""Writes to the register: adding and editing accounts, admin access, status changes, recertifying."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.transitions import move_status, start_history
from herald.estate import workflow
from herald.estate.errors import (
    DuplicateAccount,
    InvalidAddress,
    TransitionNotAllowed,
    WrongCouncil,
)
from herald.estate.models import AccountStatusChange, AdminAccess, EstateSettings, SocialAccount
from herald.estate.networks import Network, display_handle, validate_address

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember


class AccountDetails(TypedDict, total=False):
    network: str
    handle: str
    url: str
    name: str
    purpose: str
    audience: str
    service: Service
    kind: str
    owner: StaffMember | None
    deputy: StaffMember | None
    two_factor: str
    brand_name_and_logo: bool
    brand_profile_text: bool
    brand_website_link: bool
    brand_house_rules: bool
    last_post_on: datetime.date | None
    followers: int | None
    review_due_on: datetime.date | None


EDITABLE_FIELDS = frozenset(AccountDetails.__annotations__)
# What the history shows for relations: the name, not the id.
_RELATIONS = ("service", "owner", "deputy")


def estate_settings(*, council: Council) -> EstateSettings:
    """The council's housekeeping thresholds, created with the defaults on first use."""
    settings, _ = EstateSettings.objects.get_or_create(council=council)
    return settings


@transaction.atomic
def update_estate_settings(
    *,
    council: Council,
    dormant_after_days: int,
    review_every_days: int,
    actor: Actor,
    connection_expiry_days: int | None = None,
) -> EstateSettings:
    """Change the housekeeping thresholds; the next check uses them."""
    settings = estate_settings(council=council)
    names = ("dormant_after_days", "review_every_days", "connection_expiry_days")
    before = {name: getattr(settings, name) for name in names}
    after = {
        "dormant_after_days": dormant_after_days,
        "review_every_days": review_every_days,
        "connection_expiry_days": connection_expiry_days or settings.connection_expiry_days,
    }
    for name, value in after.items():
        setattr(settings, name, value)
    settings.save()
    record(
        council=council,
        actor=actor,
        action="estate.settings_changed",
        summary="Changed the housekeeping check's thresholds",
        changes=diff(before, after),
    )
    return settings


def snapshot(account: SocialAccount) -> dict[str, Any]:
    """The governed fields as plain values, for an audit event's diff."""
    values: dict[str, Any] = {}
    for name in sorted(EDITABLE_FIELDS):
        value = getattr(account, name)
        if name in _RELATIONS:
            value = str(value) if value is not None else None
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        values[name] = value
    return values


def check_address(
    *, council: Council, network: str, handle: str, url: str, exclude_pk: int | None = None
) -> tuple[str, str]:
    """The canonical handle and URL; refuses a bad address or one already in the register."""
    try:
        handle, url = validate_address(network=network, handle=handle, url=url)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidAddress(messages[0], field=field) from None
    existing = council.social_accounts.filter(network=network, handle__iexact=handle)
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    if existing.exists():
        shown = display_handle(network, handle)
        raise DuplicateAccount(f"{shown} on {Network(network).label} is already in the register")
    return handle, url


def _check_council(council: Council, details: AccountDetails) -> None:
    for name in _RELATIONS:
        related = details.get(name)
        if related is not None and getattr(related, "council_id", None) != council.pk:
            raise WrongCouncil(f"The {name} must belong to {council.name}")


@transaction.atomic
def create_account(
    *,
    council: Council,
    details: AccountDetails,
    actor: Actor,
    status: str = SocialAccount.Status.ACTIVE,
    note: str = "Added to the register",
) -> SocialAccount:
    """Add an account to the register; its address must fit the network and not be there already."""
    _check_council(council, details)
    fields = dict(details)
    fields["handle"], fields["url"] = check_address(
        council=council,
        network=details["network"],
        handle=details["handle"],
        url=details.get("url", ""),
    )
    if fields.get("review_due_on") is None:
        fields["review_due_on"] = _next_review(council)
    account = SocialAccount(council=council, status=status, status_changed_at=timezone.now())
    for name, value in fields.items():
        setattr(account, name, value)
    _save_refusing_duplicates(account)
    start_history(
        obj=account,
        history=AccountStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
    )
    record(
        council=council,
        actor=actor,
        action="estate.account_added",
        summary=f"Added {account} to the register",
        target=account,
        changes=diff({}, snapshot(account)),
    )
    return account


def _next_review(council: Council) -> datetime.date:
    every = estate_settings(council=council).review_every_days
    return timezone.localdate() + datetime.timedelta(days=every)


def _save_refusing_duplicates(account: SocialAccount) -> None:
    # The unique constraint is the last word when two people add the same account at once.
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:
        raise DuplicateAccount(
            f"{account.shown_handle} on {account.get_network_display()} is already in the register"
        ) from None


@transaction.atomic
def update_account(
    *, account: SocialAccount, changes: AccountDetails, actor: Actor
) -> SocialAccount:
    """Change an account's details; the audit event keeps each field's old and new value."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    council = account.council
    _check_council(council, changes)
    before = snapshot(account)
    for name, value in changes.items():
        setattr(account, name, value)
    account.handle, account.url = check_address(
        council=council,
        network=account.network,
        handle=account.handle,
        url=account.url,
        exclude_pk=account.pk,
    )
    changed = diff(before, snapshot(account))
    if not changed:
        return account
    _save_refusing_duplicates(account)
    record(
        council=council,
        actor=actor,
        action="estate.account_changed",
        summary=f"Changed {', '.join(name.replace('_', ' ') for name in changed)} of {account}",
        target=account,
        changes=changed,
    )
    return account


@transaction.atomic
def change_status(
    *, account: SocialAccount, to_status: str, actor: Actor, note: str = ""
) -> SocialAccount:
    """Move an account along the transition table; of two people moving it at once, one wins."""
    if not workflow.can_move_account(account.status, to_status):
        raise TransitionNotAllowed(
            f"An account that is {SocialAccount.Status(account.status).label.lower()} cannot "
            f"become {SocialAccount.Status(to_status).label.lower()}"
        )
    from_status = move_status(
        obj=account,
        to_status=to_status,
        history=AccountStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile="Someone else changed this account's status just now",
        status_changed_at=timezone.now(),
    )
    record(
        council=account.council,
        actor=actor,
        action="estate.status_changed",
        summary=f"{account} is now {account.get_status_display().lower()}",
        target=account,
        changes={"status": [from_status, to_status], **({"note": note} if note else {})},
    )
    return account


@transaction.atomic
def grant_access(
    *,
    account: SocialAccount,
    actor: Actor,
    level: str,
    staff_member: StaffMember | None = None,
    is_digital_team: bool = False,
) -> AdminAccess:
    """Record that someone (or the digital team) holds admin access to an account."""
    if (staff_member is None) == (not is_digital_team):
        raise ValueError("Access is held by either a staff member or the digital team")
    if staff_member is not None and staff_member.council_id != account.council_id:
        raise WrongCouncil("The staff member must work for the same council")
    access = AdminAccess.objects.create(
        account=account, staff_member=staff_member, is_digital_team=is_digital_team, level=level
    )
    record(
        council=account.council,
        actor=actor,
        action="estate.access_granted",
        summary=f"{access.holder_name} holds {access.get_level_display().lower()} access to {account}",
        target=account,
        changes={"access": [None, str(access)]},
    )
    return access


@transaction.atomic
def remove_access(*, access: AdminAccess, actor: Actor) -> AdminAccess:
    """Mark access as removed; the row stays so the history shows who held it."""
    if access.removed_at is None:
        access.removed_at = timezone.now()
        access.save(update_fields=["removed_at", "updated_at"])
        record(
            council=access.account.council,
            actor=actor,
            action="estate.access_removed",
            summary=f"Removed {access.holder_name}'s access to {access.account}",
            target=access.account,
            changes={"access": [str(access), None]},
        )
    return access


@transaction.atomic
def recertify_account(*, account: SocialAccount, actor: Actor) -> SocialAccount:
    """The owner confirms the account is still needed and meets the standards, for another year."""
    today = timezone.localdate()
    before = snapshot(account)
    account.last_recertified_on = today
    account.review_due_on = today + datetime.timedelta(
        days=estate_settings(council=account.council).review_every_days
    )
    account.save(update_fields=["last_recertified_on", "review_due_on", "updated_at"])
    record(
        council=account.council,
        actor=actor,
        action="estate.account_recertified",
        summary=f"Confirmed {account} is still needed; next review {account.review_due_on:%d %B %Y}",
        target=account,
        changes=diff(before, snapshot(account)),
    )
    return account
