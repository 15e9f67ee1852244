"""Raising an alert (once per rule and window) and emailing it, quiet hours permitting.

High-risk alerts (safeguarding, threats) are urgent: emailed at once, whatever the quiet hours.
Other emails wait out the council's quiet hours; the periodic sweep sends them afterwards.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, record
from herald.core.transitions import start_history
from herald.listening.alerting.mail import configured_mailer
from herald.listening.insight.privacy import in_quiet_hours, settings_for
from herald.listening.models import Alert, AlertRule, AlertStatusChange

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """What a rule found in one window."""

    window_start: datetime.datetime
    window_end: datetime.datetime
    summary: str
    observed: float | None = None
    baseline: float | None = None
    mention_ids: Sequence[int] = ()


def is_urgent(rule: AlertRule) -> bool:
    return rule.kind == AlertRule.Kind.HIGH_RISK


def raise_alert(
    *, rule: AlertRule, finding: Finding, now: datetime.datetime | None = None
) -> Alert:
    """The rule's alert for this window, created once; later findings in the window only add
    their mentions (a high-risk one is emailed again, as it is a new item)."""
    with transaction.atomic():
        alert, created = _alert_for(rule, finding)
        known = set(alert.mentions.values_list("pk", flat=True))
        added = [pk for pk in finding.mention_ids if pk not in known]
        if added:
            alert.mentions.add(*added)
        if created:
            start_history(
                obj=alert, history=AlertStatusChange, actor_user=None, actor_label=SYSTEM.display
            )
            record(
                council=rule.council,
                actor=SYSTEM,
                action="listening.alert_raised",
                summary=finding.summary,
                target=alert,
                changes={
                    "rule": rule.name,
                    "observed": finding.observed,
                    "baseline": finding.baseline,
                },
            )
            transaction.on_commit(partial(send_alert_email, alert_id=alert.pk, now=now))
        elif added and is_urgent(rule) and alert.status != Alert.Status.CLOSED:
            transaction.on_commit(partial(send_update_email, alert_id=alert.pk, added=len(added)))
    return alert


def _alert_for(rule: AlertRule, finding: Finding) -> tuple[Alert, bool]:
    fields = {
        "council": rule.council,
        "summary": finding.summary,
        "window_end": finding.window_end,
        "observed": finding.observed,
        "baseline": finding.baseline,
    }
    try:
        with transaction.atomic():
            return Alert.objects.get_or_create(
                rule=rule, window_start=finding.window_start, defaults=fields
            )
    except IntegrityError:  # raised by a concurrent sweep just now: the constraint kept it one
        return Alert.objects.get(rule=rule, window_start=finding.window_start), False


def alert_link(alert: Alert) -> str:
    return f"{getattr(settings, 'SITE_URL', '')}/listening/alerts/{alert.public_id}/"


def _body(alert: Alert, opening: str) -> str:
    # The email names no resident and quotes no text: the alert page holds the detail.
    return "\n".join(
        [
            opening,
            "",
            alert.summary,
            "",
            f"Open the alert in Herald to see the mentions and acknowledge it: {alert_link(alert)}",
        ]
    )


def may_email_now(alert: Alert, now: datetime.datetime) -> bool:
    rule = alert.rule
    if is_urgent(rule) or not rule.respect_quiet_hours:
        return True
    return not in_quiet_hours(settings_for(alert.council), now)


def send_alert_email(*, alert_id: int, now: datetime.datetime | None = None) -> bool:
    """Email a new alert to its rule's addresses once; False if it waits (quiet hours) or has
    nobody to go to."""
    now = now or timezone.now()
    alert = Alert.objects.select_related("rule", "council").get(pk=alert_id)
    if alert.emailed_at or not alert.rule.email_to or not may_email_now(alert, now):
        return False
    if not Alert.objects.filter(pk=alert.pk, emailed_at__isnull=True).update(emailed_at=now):
        return False  # another worker claimed it
    urgent = "URGENT: " if is_urgent(alert.rule) else ""
    subject = f"{urgent}{alert.rule.name}: listening alert for {alert.council.name}"
    opening = f"Herald raised a listening alert for {alert.council.name}."
    return deliver_email(
        alert, list(alert.rule.email_to), subject, _body(alert, opening), "emailed_at"
    )


def send_update_email(*, alert_id: int, added: int) -> bool:
    alert = Alert.objects.select_related("rule", "council").get(pk=alert_id)
    if not alert.rule.email_to:
        return False
    subject = f"URGENT: {alert.rule.name}: {added} more high-risk mentions"
    opening = f"{added} more high-risk mentions were added to an alert for {alert.council.name}."
    return deliver_email(alert, list(alert.rule.email_to), subject, _body(alert, opening), "")


def deliver_email(alert: Alert, to: list[str], subject: str, body: str, claimed_field: str) -> bool:
    try:
        configured_mailer().send(to=to, subject=subject, body=body, reference=str(alert.public_id))
    except Exception:
        # Released so the next sweep tries again; the failure is logged, never swallowed silently.
        logger.exception("listening alert email failed", extra={"alert": str(alert.public_id)})
        if claimed_field:
            Alert.objects.filter(pk=alert.pk).update(**{claimed_field: None})
        return False
    return True
