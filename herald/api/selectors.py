"""Reads about API tokens, always inside one council."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError

from herald.api.models import ApiToken

if TYPE_CHECKING:
    from herald.councils.models import Council, Membership


def api_token(*, council: Council, public_id: UUID | str) -> ApiToken | None:
    """One of this council's tokens (revoked or not); another council's is not found."""
    try:
        return council.api_tokens.select_related("membership__user").get(public_id=public_id)
    except (ApiToken.DoesNotExist, ValidationError, ValueError):
        return None


def member_by_username(*, council: Council, username: str) -> Membership | None:
    """The council's membership for a sign-in name, for issuing a token from the command line."""
    return (
        council.memberships.select_related("user", "staff_member", "council")
        .filter(user__username=username)
        .first()
    )
