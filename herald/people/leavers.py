"""Leavers lose access: when a staff record's leaving date arrives, their sign-in is switched off."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor
from herald.councils.models import Membership
from herald.councils.services import deactivate_membership

if TYPE_CHECKING:
    from herald.councils.models import Council


@transaction.atomic
def switch_off_leavers(
    *, actor: Actor, council: Council | None = None, on: datetime.date | None = None
) -> int:
    """Deactivate every active membership whose staff record has left by ``on``; returns how many."""
    day = on or timezone.localdate()
    memberships = Membership.objects.filter(
        is_active=True, staff_member__left_on__lte=day
    ).select_related("council", "user", "staff_member")
    if council is not None:
        memberships = memberships.filter(council=council)
    count = 0
    for membership in memberships:
        left_on = membership.staff_member.left_on if membership.staff_member else None
        deactivate_membership(
            membership=membership, reason=f"left the council on {left_on:%d %B %Y}", actor=actor
        )
        count += 1
    return count
