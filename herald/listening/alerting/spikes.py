"""Volume spikes and sharp negative shifts, read from the hourly rollups (never the mentions, so a
sweep costs the same over ten million mentions as over ten thousand)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from herald.listening.alerting.raising import Finding, raise_alert
from herald.listening.alerting.windows import recent_windows
from herald.listening.models import Alert, AlertRule, MentionRollup

ROLLUP_KINDS = (AlertRule.Kind.VOLUME_SPIKE, AlertRule.Kind.NEGATIVE_SHIFT)


@dataclass(frozen=True)
class Counts:
    total: int
    negative: int


def counts(rule: AlertRule, start: datetime.datetime, end: datetime.datetime) -> Counts:
    rows = MentionRollup.objects.filter(
        council_id=rule.council_id, hour__gte=start, hour__lt=end, query_id_key=rule.query_id or 0
    )
    if rule.service_label:
        rows = rows.filter(service_label=rule.service_label)
    found = rows.aggregate(total=Sum("total"), negative=Sum("negative"))
    return Counts(found["total"] or 0, found["negative"] or 0)


def scope(rule: AlertRule) -> str:
    if rule.query_id is not None:
        return f"matching the query “{rule.query}”"
    if rule.service_label:
        return f"about {rule.service_label.replace('_', ' ')}"
    return "about the council"


def when(start: datetime.datetime, end: datetime.datetime) -> str:
    first, last = timezone.localtime(start), timezone.localtime(end)
    if end - start == datetime.timedelta(days=1):
        return f"on {first:%-d %B %Y}"
    if end - start > datetime.timedelta(days=1):
        return f"from {first:%-d %B} to {last:%-d %B %Y}"
    return f"between {first:%H:%M} and {last:%H:%M} on {first:%-d %B %Y}"


def finding_for(
    rule: AlertRule, start: datetime.datetime, end: datetime.datetime
) -> Finding | None:
    now_counts = counts(rule, start, end)
    if now_counts.total < rule.minimum_count:
        return None
    history = counts(rule, start - datetime.timedelta(days=rule.baseline_days), start)
    windows = rule.baseline_days * 24 * 60 / rule.window_minutes
    if rule.kind == AlertRule.Kind.VOLUME_SPIKE:
        baseline = history.total / windows
        if now_counts.total < rule.threshold * max(baseline, 1.0):
            return None
        summary = (
            f"Volume spike: {now_counts.total} mentions {scope(rule)} {when(start, end)}, "
            f"against a usual {baseline:.1f}"
        )
        return Finding(start, end, summary, float(now_counts.total), round(baseline, 2))
    if not history.total:
        return None  # nothing to shift from yet
    share = 100 * now_counts.negative / now_counts.total
    usual = 100 * history.negative / history.total
    if share - usual < rule.threshold:
        return None
    summary = (
        f"Negative shift: {share:.0f}% of {now_counts.total} mentions {scope(rule)} were negative "
        f"{when(start, end)}, against a usual {usual:.0f}%"
    )
    return Finding(start, end, summary, round(share, 1), round(usual, 1))


def evaluate_rollups(
    *, council_id: int, now: datetime.datetime | None = None, windows: int = 2
) -> list[Alert]:
    """Check each active spike and shift rule of the council over its latest ``windows``
    windows; returns the alerts raised or found again (one per rule and window)."""
    now = now or timezone.now()
    raised = []
    rules = AlertRule.objects.filter(
        council_id=council_id, kind__in=ROLLUP_KINDS, is_active=True
    ).select_related("council", "query")
    for rule in rules:
        for start, end in recent_windows(now, rule.window_minutes, windows):
            finding = finding_for(rule, start, end)
            if finding is not None:
                raised.append(raise_alert(rule=rule, finding=finding, now=now))
    return raised
