"""People acknowledge and close alerts; Herald escalates those nobody acknowledged in time and
sends the emails that quiet hours held back."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.core.transitions import TransitionNotAllowed, move_status
from herald.listening.alerting.raising import (
    alert_link,
    deliver_email,
    is_urgent,
    may_email_now,
    send_alert_email,
)
from herald.listening.alerting.workflow import can_move
from herald.listening.models import Alert, AlertStatusChange

S = Alert.Status
RECENT = datetime.timedelta(days=2)  # older held-back emails are stale: the page has them


def _move(alert: Alert, to_status: str, actor: Actor, note: str, **fields: Any) -> Alert:
    if not can_move(alert.status, to_status):
        raise TransitionNotAllowed(
            f"An alert that is {alert.get_status_display().lower()} cannot be "
            f"{S(to_status).label.lower()}"
        )
    with transaction.atomic():
        move_status(
            obj=alert,
            to_status=to_status,
            history=AlertStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note,
            **fields,
        )
        record(
            council=alert.council,
            actor=actor,
            action=f"listening.alert_{to_status}",
            summary=f"Alert {S(to_status).label.lower()}: {alert.summary}",
            target=alert,
            changes={"note": note} if note else {},
        )
    return alert


def acknowledge_alert(*, alert: Alert, actor: Actor, note: str = "") -> Alert:
    """Someone has seen the alert and is dealing with it: escalation stops."""
    now = timezone.now()
    return _move(
        alert, S.ACKNOWLEDGED, actor, note, acknowledged_at=now, acknowledged_by=actor.user
    )


def close_alert(*, alert: Alert, actor: Actor, note: str = "") -> Alert:
    """The alert is dealt with (or was noise); it stays on record, closed."""
    return _move(alert, S.CLOSED, actor, note, closed_at=timezone.now())


def escalate_due_alerts(*, now: datetime.datetime | None = None) -> int:
    """Open alerts unacknowledged for longer than their rule allows go to its escalation list."""
    now = now or timezone.now()
    count = 0
    candidates = Alert.objects.filter(
        status=S.OPEN, rule__escalate_after_minutes__isnull=False
    ).select_related("rule", "council")
    for alert in candidates:
        due = alert.created_at + datetime.timedelta(minutes=alert.rule.escalate_after_minutes or 0)
        if due > now:
            continue
        minutes = alert.rule.escalate_after_minutes
        _move(
            alert,
            S.ESCALATED,
            SYSTEM,
            f"Not acknowledged within {minutes} minutes",
            escalated_at=now,
        )
        transaction.on_commit(partial(send_escalation_email, alert_id=alert.pk, now=now))
        count += 1
    return count


def send_escalation_email(*, alert_id: int, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    alert = Alert.objects.select_related("rule", "council").get(pk=alert_id)
    to = list(alert.rule.escalate_to)
    if alert.escalation_emailed_at or not to or not may_email_now(alert, now):
        return False
    claimed = Alert.objects.filter(pk=alert.pk, escalation_emailed_at__isnull=True)
    if not claimed.update(escalation_emailed_at=now):
        return False
    urgent = "URGENT: " if is_urgent(alert.rule) else ""
    minutes = alert.rule.escalate_after_minutes
    body = (
        f"Nobody acknowledged this listening alert for {alert.council.name} within {minutes} "
        f"minutes.\n\n{alert.summary}\n\nAcknowledge it in Herald: {alert_link(alert)}"
    )
    subject = f"{urgent}Escalated: {alert.rule.name}"
    return deliver_email(alert, to, subject, body, "escalation_emailed_at")


def send_held_emails(*, now: datetime.datetime | None = None) -> int:
    """Emails held back by quiet hours (or a failed send) go once they may."""
    now = now or timezone.now()
    recent = Alert.objects.filter(created_at__gte=now - RECENT).exclude(status=S.CLOSED)
    sent = 0
    for pk in recent.filter(emailed_at__isnull=True).values_list("pk", flat=True):
        sent += send_alert_email(alert_id=pk, now=now)
    escalated = recent.filter(status=S.ESCALATED, escalation_emailed_at__isnull=True)
    for pk in escalated.values_list("pk", flat=True):
        sent += send_escalation_email(alert_id=pk, now=now)
    return sent
