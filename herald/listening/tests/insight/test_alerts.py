"""Alerts: high-risk items at once, spikes and negative shifts over rollups, one alert per rule
and window, email with quiet hours, escalation, acknowledge and close."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.core.transitions import TransitionNotAllowed
from herald.listening.alerting import evaluate_for_mentions, lifecycle, rules, spikes
from herald.listening.models import Alert, AlertRule
from herald.listening.tests.insight.support import (
    make_mention,
    make_query,
    make_source,
    save_privacy,
    steady_history,
    write_rollup,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 12, 30, tzinfo=datetime.UTC)


def _rule(personas: Personas, kind: str, **values: object) -> AlertRule:
    defaults: dict[str, object] = {
        "name": f"{kind} rule",
        "kind": kind,
        "query": None,
        "service_label": "",
        "threshold": 3.0 if kind != "negative_shift" else 20.0,
        "window_minutes": 60,
        "baseline_days": 14,
        "minimum_count": 10,
        "email_to": ["comms@wessex.gov.uk"],
        "respect_quiet_hours": True,
        "escalate_after_minutes": None,
        "escalate_to": [],
        "is_active": True,
    }
    return rules.create_rule(council=personas.council, actor=SYSTEM, **{**defaults, **values})


def _quiet_at_night(personas: Personas) -> None:
    save_privacy(personas.council, quiet_from=datetime.time(22, 0), quiet_until=datetime.time(7, 0))


def test_a_safeguarding_mention_raises_one_urgent_alert_emailed_even_in_quiet_hours(
    personas: Personas, django_capture_on_commit_callbacks: object
) -> None:
    _quiet_at_night(personas)
    rule = _rule(personas, "high_risk")
    source = make_source(personas.council)
    night = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)
    risky = make_mention(
        source, posted_at=night, safeguarding=True, safeguarding_reasons=["self-harm"]
    )
    calm = make_mention(source, posted_at=night)
    with time_machine.travel(night, tick=False):
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            evaluate_for_mentions(personas.council.pk, [risky.pk, calm.pk])
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            evaluate_for_mentions(personas.council.pk, [risky.pk])  # at-least-once: sent again
    alert = Alert.objects.get(rule=rule)
    assert list(alert.mentions.all()) == [risky]
    assert "self-harm" in alert.summary
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("URGENT:")
    assert risky.text not in mail.outbox[0].body  # the email quotes no resident
    assert AuditEvent.objects.filter(action="listening.alert_raised").count() == 1


def test_high_risk_rules_of_another_council_never_see_our_mentions(personas: Personas) -> None:
    other_rule = AlertRule.objects.create(
        council=personas.other_council, name="Theirs", kind="high_risk"
    )
    source = make_source(personas.council)
    risky = make_mention(source, posted_at=NOW, safeguarding=True)
    evaluate_for_mentions(personas.council.pk, [risky.pk])
    evaluate_for_mentions(personas.other_council.pk, [risky.pk])
    assert not Alert.objects.filter(rule=other_rule).exists()


def test_a_volume_spike_against_the_baseline_raises_one_alert_per_window(
    personas: Personas,
) -> None:
    rule = _rule(personas, "volume_spike", email_to=[])
    source = make_source(personas.council)
    steady_history(source, now=NOW)
    write_rollup(source, hour=NOW, total=30, negative=20)
    first = spikes.evaluate_rollups(council_id=personas.council.pk, now=NOW)
    again = spikes.evaluate_rollups(council_id=personas.council.pk, now=NOW)
    assert len(first) == 1
    assert first[0].pk == again[0].pk
    assert Alert.objects.filter(rule=rule).count() == 1
    assert first[0].observed == 30
    assert "Volume spike: 30 mentions" in first[0].summary


def test_a_quiet_window_raises_nothing(personas: Personas) -> None:
    _rule(personas, "volume_spike")
    source = make_source(personas.council)
    steady_history(source, now=NOW, per_day=24 * 4)  # four an hour
    write_rollup(source, hour=NOW, total=11)  # under three times four
    assert spikes.evaluate_rollups(council_id=personas.council.pk, now=NOW) == []


def test_a_spike_rule_on_a_query_counts_only_that_query(personas: Personas) -> None:
    source = make_source(personas.council)
    bins, parks = make_query(personas.council, "Bins"), make_query(personas.council, "Parks")
    _rule(personas, "volume_spike", query=parks)
    steady_history(source, now=NOW, query=parks)
    write_rollup(source, hour=NOW, total=40, query=bins)
    assert spikes.evaluate_rollups(council_id=personas.council.pk, now=NOW) == []


def test_a_sharp_negative_shift_raises_an_alert(personas: Personas) -> None:
    _rule(personas, "negative_shift", email_to=[])
    source = make_source(personas.council)
    steady_history(source, now=NOW, per_day=40)  # a quarter negative
    write_rollup(source, hour=NOW, total=12, negative=10)
    raised = spikes.evaluate_rollups(council_id=personas.council.pk, now=NOW)
    assert len(raised) == 1
    assert "Negative shift: 83%" in raised[0].summary


def test_quiet_hours_hold_a_spike_email_until_morning(
    personas: Personas, django_capture_on_commit_callbacks: object
) -> None:
    _quiet_at_night(personas)
    _rule(personas, "volume_spike")
    source = make_source(personas.council)
    night = datetime.datetime(2026, 12, 7, 23, 10, tzinfo=datetime.UTC)
    steady_history(source, now=night)
    write_rollup(source, hour=night, total=30)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        spikes.evaluate_rollups(council_id=personas.council.pk, now=night)
    lifecycle.send_held_emails(now=night)
    assert mail.outbox == []
    morning = night + datetime.timedelta(hours=8)
    assert lifecycle.send_held_emails(now=morning) == 1
    assert lifecycle.send_held_emails(now=morning) == 0
    assert len(mail.outbox) == 1


def test_an_unacknowledged_alert_escalates_once(
    personas: Personas, django_capture_on_commit_callbacks: object
) -> None:
    _rule(personas, "high_risk", escalate_after_minutes=30, escalate_to=["dsl@wessex.gov.uk"])
    source = make_source(personas.council)
    risky = make_mention(source, posted_at=timezone.now(), safeguarding=True)
    evaluate_for_mentions(personas.council.pk, [risky.pk])
    alert = Alert.objects.get()
    assert lifecycle.escalate_due_alerts(now=timezone.now()) == 0
    later = timezone.now() + datetime.timedelta(minutes=31)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert lifecycle.escalate_due_alerts(now=later) == 1
    assert lifecycle.escalate_due_alerts(now=later) == 0
    alert.refresh_from_db()
    assert alert.status == "escalated"
    assert [m.to for m in mail.outbox] == [["dsl@wessex.gov.uk"]]
    assert [c.to_status for c in alert.status_changes.all()] == ["open", "escalated"]


def test_acknowledging_then_closing_is_recorded_and_a_closed_alert_stays_closed(
    personas: Personas,
) -> None:
    _rule(personas, "high_risk", email_to=[])
    source = make_source(personas.council)
    risky = make_mention(source, posted_at=NOW, safeguarding=True)
    evaluate_for_mentions(personas.council.pk, [risky.pk])
    alert = Alert.objects.get()
    officer = Actor(user=personas.digital_lead.user)
    lifecycle.acknowledge_alert(alert=alert, actor=officer, note="Passed to the DSL")
    lifecycle.close_alert(alert=alert, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.acknowledge_alert(alert=alert, actor=officer)
    alert.refresh_from_db()
    assert alert.acknowledged_by == personas.digital_lead.user
    assert alert.status == "closed"
    assert AuditEvent.objects.filter(action="listening.alert_closed").count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"name": " "}, "name_required"),
        ({"window_minutes": 45}, "window_invalid"),
        ({"threshold": 1.0}, "threshold_invalid"),
        ({"email_to": ["not-an-address"]}, "email_to_invalid"),
        ({"escalate_after_minutes": 30}, "escalate_to_required"),
        ({"baseline_days": 0}, "baseline_invalid"),
    ],
)
def test_a_bad_rule_is_refused_and_nothing_is_saved(
    personas: Personas, change: dict[str, object], code: str
) -> None:
    with pytest.raises(rules.RuleInvalid) as refused:
        _rule(personas, "volume_spike", **change)
    assert refused.value.code == code
    assert not AlertRule.objects.exists()


def test_a_rule_cannot_watch_another_councils_query(personas: Personas) -> None:
    theirs = make_query(personas.other_council, "Their bins")
    with pytest.raises(rules.RuleInvalid):
        _rule(personas, "volume_spike", query=theirs)
