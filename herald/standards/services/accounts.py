"""Per-account rules: the sign-off and hashtags an account's posts must carry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from herald.audit.services import Actor, diff, record
from herald.councils.models import Council
from herald.standards import validation
from herald.standards.defaults import normalise_handle
from herald.standards.models import AccountRule
from herald.standards.services.common import DuplicateEntry, pack_changed


def _account_state(rule: AccountRule) -> dict[str, Any]:
    return {
        "handle": rule.handle,
        "required_sign_off": rule.required_sign_off,
        "required_hashtags": list(rule.required_hashtags),
    }


@transaction.atomic
def save_account_rule(
    *,
    council: Council,
    actor: Actor,
    handle: str,
    required_sign_off: str,
    required_hashtags: list[str],
    rule: AccountRule | None = None,
) -> AccountRule:
    """Add (or, given ``rule``, change) what every post from one account must carry."""
    handle = normalise_handle(handle)
    if not handle or handle == "@":
        raise validation.InvalidSetting("Enter the account's handle")
    taken = council.standards_account_rules.filter(handle=handle)
    if rule is not None:
        taken = taken.exclude(pk=rule.pk)
    if taken.exists():
        raise DuplicateEntry(f"{handle} already has rules")
    hashtags = validation.clean_list([validation.hashtag(tag) for tag in required_hashtags])
    current = rule or AccountRule(council=council)
    before = _account_state(current) if rule is not None else {}
    current.handle, current.required_sign_off = handle, required_sign_off.strip()
    current.required_hashtags = hashtags
    changes = diff(before, _account_state(current))
    if changes:
        current.save()
        record(
            council=council,
            actor=actor,
            action="standards.account_rule_changed" if rule else "standards.account_rule_added",
            summary=f"Rules for {handle} {'changed' if rule else 'added'}",
            target=current,
            changes=changes,
        )
        pack_changed(council)
    return current


@transaction.atomic
def remove_account_rule(*, rule: AccountRule, actor: Actor) -> None:
    council = rule.council
    record(
        council=council,
        actor=actor,
        action="standards.account_rule_removed",
        summary=f"Rules for {rule.handle} removed",
        target=rule,
        changes=diff(_account_state(rule), {}),
    )
    rule.delete()
    pack_changed(council)
