"""Reading alerts and rules, always from the council."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from herald.listening.models import Alert, AlertRule

if TYPE_CHECKING:
    from herald.councils.models import Council


def alerts_for(council: Council, *, status: str = "") -> QuerySet[Alert]:
    """The council's alerts, newest first; open and escalated ones unless a status is given."""
    found = Alert.objects.filter(council=council).select_related("rule", "acknowledged_by")
    if status == "all":
        return found
    if status:
        return found.filter(status=status)
    return found.filter(status__in=[Alert.Status.OPEN, Alert.Status.ESCALATED])


def alert_of(council: Council, public_id: UUID) -> Alert:
    found = alerts_for(council, status="all").filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def rules_for(council: Council) -> QuerySet[AlertRule]:
    return AlertRule.objects.filter(council=council).select_related("query")


def rule_of(council: Council, public_id: UUID) -> AlertRule:
    found = rules_for(council).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found
