"""Alert rules, editable per council: each change checked here and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.listening.models import AlertRule

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.listening.models import Query

K = AlertRule.Kind
EDITABLE = (
    "name",
    "kind",
    "query",
    "service_label",
    "threshold",
    "window_minutes",
    "baseline_days",
    "minimum_count",
    "email_to",
    "respect_quiet_hours",
    "escalate_after_minutes",
    "escalate_to",
    "is_active",
)
MAX_WINDOW_MINUTES = 7 * 24 * 60


class RuleInvalid(DomainError):
    code = "rule_invalid"


def _fail(message: str, code: str) -> None:
    raise RuleInvalid(message, code=code)


def _check_addresses(addresses: list[str], field: str) -> None:
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            _fail(f"“{address}” is not an email address", f"{field}_invalid")


def _check_numbers(values: dict[str, Any]) -> None:
    minutes = values["window_minutes"]
    if minutes < 60 or minutes > MAX_WINDOW_MINUTES or minutes % 60:
        _fail("Enter a window of whole hours, from 60 minutes to 7 days", "window_invalid")
    if not 1 <= values["baseline_days"] <= 90:
        _fail("Enter a baseline of 1 to 90 days", "baseline_invalid")
    if values["minimum_count"] < 1:
        _fail("Enter a minimum of 1 mention or more", "minimum_invalid")
    threshold, kind = values["threshold"], values["kind"]
    if kind == K.VOLUME_SPIKE and not 1.1 <= threshold <= 100:
        _fail("Enter a spike of 1.1 to 100 times the baseline", "threshold_invalid")
    if kind == K.NEGATIVE_SHIFT and not 1 <= threshold <= 100:
        _fail("Enter a shift of 1 to 100 percentage points", "threshold_invalid")


def check_rule(*, council: Council, values: dict[str, Any]) -> None:
    """A rule needs a name, sensible numbers, real addresses and the council's own query."""
    if not values["name"].strip():
        _fail("Enter a name for the rule", "name_required")
    query: Query | None = values["query"]
    if query is not None and query.council_id != council.pk:
        _fail("Choose one of the council's queries", "query_invalid")
    _check_numbers(values)
    _check_addresses(values["email_to"], "email_to")
    _check_addresses(values["escalate_to"], "escalate_to")
    if values["escalate_after_minutes"] is not None and not values["escalate_to"]:
        _fail("Enter who the alert escalates to", "escalate_to_required")
    if values["escalate_to"] and values["escalate_after_minutes"] is None:
        _fail("Enter after how many minutes the alert escalates", "escalate_after_required")


def create_rule(*, council: Council, actor: Actor, **values: Any) -> AlertRule:
    """A new alert rule for the council, checked and audited."""
    values = {name: values[name] for name in EDITABLE}
    check_rule(council=council, values=values)
    with transaction.atomic():
        rule = AlertRule.objects.create(council=council, **values)
        record(
            council=council,
            actor=actor,
            action="listening.alert_rule_created",
            summary=f"Added the alert rule “{rule.name}”",
            target=rule,
            changes=diff({}, _plain(rule)),
        )
    return rule


def update_rule(*, rule: AlertRule, actor: Actor, **values: Any) -> AlertRule:
    """Change a rule; the audit event keeps what it was."""
    values = {name: values[name] for name in EDITABLE}
    check_rule(council=rule.council, values=values)
    with transaction.atomic():
        before = _plain(rule)
        for name, value in values.items():
            setattr(rule, name, value)
        rule.save()
        record(
            council=rule.council,
            actor=actor,
            action="listening.alert_rule_changed",
            summary=f"Changed the alert rule “{rule.name}”",
            target=rule,
            changes=diff(before, _plain(rule)),
        )
    return rule


def _plain(rule: AlertRule) -> dict[str, Any]:
    out = {name: getattr(rule, name) for name in EDITABLE if name != "query"}
    out["query"] = str(rule.query) if rule.query_id else None
    return out
