"""Reads of a council's standards configuration, chiefly the engine's ``RulePack``.

``rule_pack_for`` is called on every check (each keystroke of the check page, every post), so the
pack is cached per council under a version that every settings service replaces: a change shows
on the council's very next check, and unchanged councils cost one cache read.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, cast

from django.core.cache import cache
from django.http import Http404

from herald.standards.defaults import normalise_handle
from herald.standards.models import (
    AccountRule,
    PreElectionPeriod,
    RuleOverride,
    StandardsSettings,
    WordList,
    WordListEntry,
)
from herald.standards.types import AccountRules, ElectionPeriod, RulePack, RuleSetting, Severity

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from herald.councils.models import Council

PACK_SECONDS = 3600  # a backstop only: every change replaces the version, so nothing goes stale


def _version_key(council_id: int) -> str:
    return f"herald:standards:version:{council_id}"


def _pack_version(council_id: int) -> str:
    version = cache.get(_version_key(council_id))
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(_version_key(council_id), version, None):
            version = cache.get(_version_key(council_id)) or version
    return cast("str", version)


def forget_rule_pack(*, council_id: int) -> None:
    """Make the council's next check rebuild its pack: call after any change to its settings."""
    cache.set(_version_key(council_id), uuid.uuid4().hex, None)


def rule_pack_for(*, council: Council) -> RulePack:
    """The council's configuration as the engine's immutable pack (cached until it changes)."""
    key = f"herald:standards:pack:{council.pk}:{_pack_version(council.pk)}"
    pack = cache.get(key)
    if pack is None:
        pack = build_rule_pack(council=council)
        cache.set(key, pack, PACK_SECONDS)
    return cast("RulePack", pack)


def build_rule_pack(*, council: Council) -> RulePack:
    """The pack straight from the rows (five queries), without the cache."""
    settings = council_settings(council=council)
    words: dict[str, list[str]] = {choice.value: [] for choice in WordList}
    for word_list, text in council.standards_words.values_list("word_list", "text"):
        words[word_list].append(text)
    seeded = settings is not None and settings.parties_seeded_at is not None
    return RulePack(
        council_name=council.name,
        own_phone_numbers=frozenset(settings.own_phone_numbers if settings else ()),
        own_email_domains=frozenset(settings.own_email_domains if settings else ()),
        own_postcodes=frozenset(settings.own_postcodes if settings else ()),
        prohibited_terms=tuple(settings.prohibited_terms if settings else ()),
        blocked_words=tuple(words[WordList.BLOCKED]),
        allowed_words=tuple(words[WordList.ALLOWED]),
        # Before the council's list is seeded, the engine's own list of main parties applies.
        parties=tuple(words[WordList.PARTY]) if seeded or words[WordList.PARTY] else None,
        councillors=tuple(words[WordList.COUNCILLOR]),
        candidates=tuple(words[WordList.CANDIDATE]),
        politician_handles=tuple(words[WordList.POLITICIAN_HANDLE]),
        election_periods=tuple(_period(p) for p in council.pre_election_periods.all()),
        accounts={rule.handle: _account(rule) for rule in council.standards_account_rules.all()},
        settings={o.rule_id: _setting(o) for o in council.standards_rule_overrides.all()},
    )


def _period(period: PreElectionPeriod) -> ElectionPeriod:
    return ElectionPeriod(
        name=period.name,
        starts_on=period.notice_on,
        ends_on=period.ends_on,
        areas=tuple(period.areas),
    )


def _account(rule: AccountRule) -> AccountRules:
    return AccountRules(
        required_sign_off=rule.required_sign_off, required_hashtags=tuple(rule.required_hashtags)
    )


def _setting(override: RuleOverride) -> RuleSetting:
    severity = Severity(override.severity) if override.severity else None
    return RuleSetting(enabled=override.is_enabled, severity=severity)


def account_key(handle: str | None) -> str | None:
    """The key ``RulePack.accounts`` uses for a handle as a caller gives it."""
    return normalise_handle(handle) if handle else None


def council_settings(*, council: Council) -> StandardsSettings | None:
    """The council's settings row, or None before its first use."""
    return StandardsSettings.objects.filter(council=council).first()


def active_election_periods(*, council: Council, on: datetime.date) -> list[ElectionPeriod]:
    """The council's pre-election periods in force on a day (notice of election to polling day)."""
    return [p for p in rule_pack_for(council=council).election_periods if p.is_active_on(on)]


def election_periods(*, council: Council) -> QuerySet[PreElectionPeriod]:
    return council.pre_election_periods.all()


def election_period(*, council: Council, public_id: uuid.UUID) -> PreElectionPeriod:
    """One of the council's periods; another council's is a 404."""
    period = council.pre_election_periods.filter(public_id=public_id).first()
    if period is None:
        raise Http404
    return period


def word_lists(*, council: Council) -> dict[WordList, list[WordListEntry]]:
    """Every list, in the order the words page shows them, each sorted by text."""
    lists: dict[WordList, list[WordListEntry]] = {choice: [] for choice in WordList}
    for entry in council.standards_words.order_by("word_list", "text"):
        lists[WordList(entry.word_list)].append(entry)
    return lists


def word_list_entry(*, council: Council, public_id: uuid.UUID) -> WordListEntry:
    entry = council.standards_words.filter(public_id=public_id).first()
    if entry is None:
        raise Http404
    return entry


def rule_overrides(*, council: Council) -> dict[str, RuleOverride]:
    return {o.rule_id: o for o in council.standards_rule_overrides.all()}


def account_rules(*, council: Council) -> QuerySet[AccountRule]:
    return council.standards_account_rules.all()


def account_rule(*, council: Council, public_id: uuid.UUID) -> AccountRule:
    rule = council.standards_account_rules.filter(public_id=public_id).first()
    if rule is None:
        raise Http404
    return rule
