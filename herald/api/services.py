"""Issuing and revoking API tokens. The raw token is shown once; only its hash is kept."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from herald.api.models import ApiToken, hash_token, new_raw_token
from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.councils.models import Membership
from herald.councils.roles import Role
from herald.councils.selectors import council_context

NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length or 100


class RoleNotHeld(DomainError):
    code = "role_not_held"


class MembershipInactive(DomainError):
    code = "membership_inactive"


class TokenNameInvalid(DomainError):
    code = "token_name_invalid"


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its raw value, which nobody can see again after this."""

    token: ApiToken
    raw_token: str


@transaction.atomic
def issue_api_token(*, membership: Membership, role: Role, name: str, actor: Actor) -> IssuedToken:
    """A token acting as one role the member really holds now, derived roles included."""
    name = name.strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise TokenNameInvalid(f"Give the token a name of 1 to {NAME_MAX_LENGTH} characters.")
    if not membership.is_active or not membership.council.is_active:
        raise MembershipInactive(f"{membership.user} cannot work in {membership.council} now.")
    if role not in council_context(membership=membership).roles:
        raise RoleNotHeld(f"{membership.user} does not hold the role {role.label}.")
    raw = new_raw_token()
    token = membership.council.api_tokens.create(
        membership=membership, role=role, name=name, token_hash=hash_token(raw)
    )
    record(
        council=membership.council,
        actor=actor,
        action="api_token.issued",
        summary=f"Issued API token '{name}' to {membership.user} as {role.label}",
        target=token,
        changes={"role": [None, role.value], "name": [None, name]},
    )
    return IssuedToken(token=token, raw_token=raw)


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: Actor) -> ApiToken:
    """Revoking is permanent; revoking twice changes nothing and is audited once."""
    now = timezone.now()
    # A conditional UPDATE, so two people revoking at once record one event between them.
    revoked = token.council.api_tokens.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token.refresh_from_db(fields=["revoked_at"])
    if revoked:
        record(
            council=token.council,
            actor=actor,
            action="api_token.revoked",
            summary=f"Revoked API token '{token.name}' ({token.get_role_display()})",
            target=token,
            changes={"revoked_at": [None, now.isoformat()]},
        )
    return token
