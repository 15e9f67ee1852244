"""Reading the audit trail, always inside one council."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.audit.models import AuditEventQuerySet

if TYPE_CHECKING:
    from herald.councils.models import Council


def audit_events(
    *,
    council: Council,
    action: str = "",
    actor_text: str = "",
    target_text: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> AuditEventQuerySet:
    """A council's audit events, newest first, filtered as an administrator asks."""
    events = council.audit_events.select_related("actor").all()
    if action:
        events = events.filter(action=action)
    if actor_text:
        events = events.filter(actor_label__icontains=actor_text)
    if target_text:
        events = events.filter(target_label__icontains=target_text)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events


def audit_actions(*, council: Council) -> list[str]:
    """The distinct actions recorded for a council, for the filter's choices."""
    # order_by() drops the model's default ordering, which would otherwise make DISTINCT
    # return one row per event rather than one per action.
    actions = council.audit_events.order_by("action").values_list("action", flat=True).distinct()
    return list(actions)
