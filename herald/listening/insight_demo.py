"""The insight part of the demo: alert rules and privacy settings for the demo council, then the
alerts evaluated over whatever mentions the demo stream brought (its spike yesterday and its
planted safeguarding item), so a communications officer sees both alerts. Idempotent."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.councils.roles import Role
from herald.listening.alerting import evaluate_for_mentions, rules, spikes
from herald.listening.insight.privacy import update_settings
from herald.listening.models import Alert, AlertRule, ListeningSettings

if TYPE_CHECKING:
    from herald.councils.models import Council

DAY = 24 * 60


def _emails(council: Council, role: Role) -> list[str]:
    found = council.role_assignments.filter(role=role, membership__is_active=True).values_list(
        "membership__user__email", flat=True
    )
    return sorted({email for email in found if email})


def _rules(council: Council) -> list[dict[str, Any]]:
    comms = _emails(council, Role.DIGITAL_TEAM)
    leads = _emails(council, Role.COUNCIL_ADMIN) or comms
    common = {
        "query": None,
        "service_label": "",
        "baseline_days": 14,
        "is_active": True,
        "respect_quiet_hours": True,
        "email_to": comms,
    }
    return [
        {
            **common,
            "name": "Safeguarding and threats",
            "kind": AlertRule.Kind.HIGH_RISK,
            "threshold": 1.0,
            "window_minutes": 60,
            "minimum_count": 1,
            "escalate_after_minutes": 30 if leads else None,
            "escalate_to": leads,
        },
        {
            **common,
            "name": "Volume spike (a day)",
            "kind": AlertRule.Kind.VOLUME_SPIKE,
            "threshold": 3.0,
            "window_minutes": DAY,
            "minimum_count": 10,
            "escalate_after_minutes": None,
            "escalate_to": [],
        },
        {
            **common,
            "name": "Sharp negative shift (a day)",
            "kind": AlertRule.Kind.NEGATIVE_SHIFT,
            "threshold": 25.0,
            "window_minutes": DAY,
            "minimum_count": 10,
            "escalate_after_minutes": None,
            "escalate_to": [],
        },
    ]


def load_insight_demo(*, council: Council) -> None:
    """Rules and settings once, then the alerts the stream deserves (raised once each)."""
    if not ListeningSettings.objects.filter(council=council).exists():
        update_settings(
            council=council,
            actor=SYSTEM,
            lawful_basis=ListeningSettings._meta.get_field("lawful_basis").get_default(),
            retention_months=13,
            quiet_from=datetime.time(22, 0),
            quiet_until=datetime.time(7, 0),
            authors_in_exports=False,
            authors_in_exports_reason="",
        )
    existing = set(AlertRule.objects.filter(council=council).values_list("name", flat=True))
    for values in _rules(council):
        if values["name"] not in existing:
            rules.create_rule(council=council, actor=SYSTEM, **values)
    if Alert.objects.filter(council=council).exists():
        # Evaluated once: a second load in a later window would raise the same alerts again.
        return
    since = timezone.now() - datetime.timedelta(days=30)
    risky = council.mentions.filter(safeguarding=True, posted_at__gte=since)
    evaluate_for_mentions(council.pk, list(risky.values_list("pk", flat=True)))
    # Today and the two days before: the stream's spike was yesterday.
    spikes.evaluate_rollups(council_id=council.pk, windows=3)
