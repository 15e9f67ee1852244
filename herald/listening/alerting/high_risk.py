"""High-risk items (safeguarding: a child or vulnerable adult at risk, threats of self-harm or
violence) raise an urgent alert as soon as ingestion has enriched the batch they came in."""

from __future__ import annotations

import datetime
from collections import defaultdict

from herald.councils.models import Council
from herald.listening.alerting.raising import Finding, raise_alert
from herald.listening.alerting.windows import window_start
from herald.listening.models import AlertRule, Mention


def evaluate_for_mentions(council_id: int, mention_ids: list[int]) -> None:
    """Called by ingestion after each batch: every active high-risk rule of the council raises
    one alert per window for the safeguarding mentions among ``mention_ids``."""
    if not mention_ids:
        return
    council = Council.objects.get(pk=council_id)
    rules = list(
        AlertRule.objects.filter(council=council, kind=AlertRule.Kind.HIGH_RISK, is_active=True)
    )
    if not rules:
        return
    risky = list(
        council.mentions.filter(pk__in=mention_ids, safeguarding=True).prefetch_related("queries")
    )
    for rule in rules:
        raise_for_rule(rule=rule, mentions=[m for m in risky if covers(rule, m)])


def covers(rule: AlertRule, mention: Mention) -> bool:
    if rule.service_label and mention.service_label != rule.service_label:
        return False
    return rule.query_id is None or any(q.pk == rule.query_id for q in mention.queries.all())


def raise_for_rule(*, rule: AlertRule, mentions: list[Mention]) -> None:
    by_window: dict[datetime.datetime, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_window[window_start(mention.posted_at, rule.window_minutes)].append(mention)
    length = datetime.timedelta(minutes=rule.window_minutes)
    for start_at, found in sorted(by_window.items()):
        reasons = sorted({reason for m in found for reason in (m.safeguarding_reasons or [])})
        because = f" ({', '.join(str(r) for r in reasons)})" if reasons else ""
        raise_alert(
            rule=rule,
            finding=Finding(
                window_start=start_at,
                window_end=start_at + length,
                summary=f"High-risk mention needing the safeguarding lead{because}",
                observed=float(len(found)),
                mention_ids=[m.pk for m in found],
            ),
        )
