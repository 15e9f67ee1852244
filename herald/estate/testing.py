"""Test helpers for the estate: accounts made through the real services."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.estate import services
from herald.estate.models import AdminAccess, SocialAccount

if TYPE_CHECKING:
    from herald.councils.models import Council, Service
    from herald.people.models import StaffMember

_numbers = itertools.count(1)


def make_account(
    *,
    council: Council,
    service: Service,
    owner: StaffMember | None = None,
    deputy: StaffMember | None = None,
    healthy: bool = True,
    status: str = SocialAccount.Status.ACTIVE,
    **details: Any,
) -> SocialAccount:
    """An account on X in the register; ``healthy`` ones pass every housekeeping rule but training."""
    n = next(_numbers)
    fields: dict[str, Any] = {
        "network": "x",
        "handle": f"Account{n}",
        "name": f"Account {n}",
        "service": service,
        "owner": owner,
        "deputy": deputy,
        "purpose": f"Purpose {n}",
        "audience": "Residents",
    }
    if healthy:
        fields |= dict.fromkeys(SocialAccount.BRANDING_FIELDS, True)
        fields |= {"two_factor": SocialAccount.TwoFactor.ON, "last_post_on": timezone.localdate()}
    fields |= details
    account = services.create_account(
        council=council,
        details=fields,  # type: ignore[arg-type]
        actor=SYSTEM,
        status=status,
    )
    if healthy:
        services.grant_access(
            account=account, actor=SYSTEM, level=AdminAccess.Level.ADMIN, is_digital_team=True
        )
    return account
