"""Signing in and what it leaves behind: linked identities, lockouts and audit events.

Signing in is where identity meets tenancy: only someone with an active council membership may
sign in, and the audit trail is kept per council. So this module, and only this one in accounts,
reads councils' selectors and writes through the audit service.
"""

from __future__ import annotations

import math
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from herald.accounts.models import LoginFailure, User
from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.councils.selectors import memberships_for_user

if TYPE_CHECKING:
    from herald.councils.models import Council

# Multiplies LOGIN_FAILURE_LIMIT for an address: a council office shares one public IP.
ADDRESS_LIMIT_FACTOR = 4
AUTOMATIC = "Herald (automatic)"


class SignInRefused(DomainError):
    """The identity provider vouched for someone, but Herald will not let them in."""

    code = "sign_in_refused"


class UnknownIdentity(SignInRefused):
    """Nobody active in Herald matches this identity; Herald never creates accounts at sign-in."""

    code = "unknown_account"


class NoActiveMembership(SignInRefused):
    """The person is known but works in no active council, so there is nothing to sign in to."""

    code = "no_council"


class Lockout(StrEnum):
    USERNAME = "username"
    ADDRESS = "ip_address"


def lockout_minutes() -> int:
    return math.ceil(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60)


def current_lockout(*, username: str, ip_address: str | None) -> Lockout | None:
    """Locked when a username, or an address, has too many failures inside the window."""
    window_start = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(failed_at__gte=window_start)
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(username__iexact=username).count() >= limit:
        return Lockout.USERNAME
    if ip_address and recent.filter(ip_address=ip_address).count() >= limit * ADDRESS_LIMIT_FACTOR:
        return Lockout.ADDRESS
    return None


@transaction.atomic
def record_failed_sign_in(*, username: str, ip_address: str | None) -> None:
    """Keep a failed password sign-in; the failure that reaches a limit starts an audited lockout.

    Locked-out attempts are refused before they are counted, so each lockout is recorded once.
    """
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address)
    lockout = current_lockout(username=username, ip_address=ip_address)
    if lockout is None:
        return
    user = User.objects.filter(username__iexact=username).first()
    if lockout is Lockout.USERNAME:
        summary = f"Sign-in as {username[:150]!r} locked for {lockout_minutes()} minutes"
    else:
        summary = f"Sign-in from {ip_address} locked for {lockout_minutes()} minutes"
    actor = Actor(user=None, ip_address=ip_address, label=AUTOMATIC)
    for council in _audit_councils(user):
        record(
            council=council,
            actor=actor,
            action="user.sign_in_locked",
            summary=f"{summary} after too many failed attempts",
            target=user,
            changes={"locked_by": str(lockout)},
        )


def oidc_subject(*, claims: dict[str, Any]) -> str:
    """Entra's object id when present (it survives re-registering the app), else ``sub``.

    Either is unique only within one issuer; the issuer is checked before claims get here.
    """
    return str(claims.get("oid") or claims.get("sub") or "")


def user_for_claims(*, claims: dict[str, Any]) -> User | None:
    """The user linked to this subject; else the one active, unlinked user with this email.

    A user already linked to another subject never matches by email: a changed email address
    at the provider must not hand someone else's Herald account to a different identity.
    """
    subject = oidc_subject(claims=claims)
    if not subject:
        return None
    linked = User.objects.filter(oidc_subject=subject).first()
    if linked is not None:
        return linked if linked.is_active else None
    addresses = {
        value.strip()
        for value in (claims.get("email"), claims.get("preferred_username"))
        if isinstance(value, str) and "@" in value
    }
    if not addresses:
        return None
    by_email = Q()
    for address in addresses:
        by_email |= Q(email__iexact=address)
    matches = list(User.objects.filter(by_email, is_active=True, oidc_subject=None)[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def sign_in_with_oidc(*, claims: dict[str, Any], ip_address: str | None) -> User:
    """Let a known user with an active council membership in; remember their subject."""
    user = user_for_claims(claims=claims)
    if user is None:
        raise UnknownIdentity("No active Herald user matches this identity.")
    councils = _member_councils(user)
    if not councils:
        raise NoActiveMembership("This person has no active council membership.")
    subject = oidc_subject(claims=claims)
    changes = diff({"oidc_subject": user.oidc_subject}, {"oidc_subject": subject})
    if changes:
        user.oidc_subject = subject
        user.save(update_fields=["oidc_subject"])
    _record_sign_in(
        user=user,
        councils=councils,
        ip_address=ip_address,
        action="user.signed_in_oidc",
        summary=f"{user.display_name} signed in with {settings.OIDC_PROVIDER_NAME}",
        changes=changes,
    )
    return user


def record_password_sign_in(*, user: User, ip_address: str | None) -> None:
    """A password sign-in is audited like any other, in each council the person works in."""
    _record_sign_in(
        user=user,
        councils=_audit_councils(user),
        ip_address=ip_address,
        action="user.signed_in",
        summary=f"{user.display_name} signed in with a password",
    )


def record_password_changed(*, user: User, ip_address: str | None) -> None:
    """Changing a password is audited in each council the person works in."""
    _record_sign_in(
        user=user,
        councils=_audit_councils(user),
        ip_address=ip_address,
        action="user.password_changed",
        summary=f"{user.display_name} changed their password",
    )


def _record_sign_in(
    *,
    user: User,
    councils: list[Council | None],
    ip_address: str | None,
    action: str,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> None:
    # One event per council, because each council's administrators read only their own trail.
    actor = Actor(user=user, ip_address=ip_address)
    for council in councils:
        record(
            council=council,
            actor=actor,
            action=action,
            summary=summary,
            target=user,
            changes=changes,
        )


def _member_councils(user: User) -> list[Council | None]:
    return [membership.council for membership in memberships_for_user(user=user)]


def _audit_councils(user: User | None) -> list[Council | None]:
    # Someone in no council (or no one at all) still leaves one event, with no council.
    return (_member_councils(user) if user is not None else []) or [None]
