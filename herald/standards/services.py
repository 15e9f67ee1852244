"""Writes to a council's standards configuration. Every change is audited and shows on the
council's next check, because each service forgets the council's cached rule pack."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.councils.models import Council
from herald.standards import validation
from herald.standards.defaults import MAIN_UK_PARTIES, normalise_handle
from herald.standards.engine import rule_catalogue
from herald.standards.models import (
    AccountRule,
    PreElectionPeriod,
    RuleOverride,
    StandardsSettings,
    WordList,
    WordListEntry,
)
from herald.standards.selectors import forget_rule_pack
from herald.standards.types import Severity


class UnknownRule(DomainError):
    code = "unknown_rule"


class DuplicateEntry(DomainError):
    code = "duplicate_entry"


class PollingBeforeNotice(DomainError):
    code = "polling_before_notice"


class PeriodAlreadyEnded(DomainError):
    code = "period_already_ended"


def _changed(council: Council) -> None:
    # Now, for this request's own next check; and again on commit, in case another request
    # rebuilt the pack from the old rows while this transaction was still open.
    forget_rule_pack(council_id=council.pk)
    transaction.on_commit(lambda: forget_rule_pack(council_id=council.pk))


@transaction.atomic
def ensure_standards_settings(*, council: Council, actor: Actor) -> StandardsSettings:
    """The council's settings row, made on first use with the main UK parties seeded once."""
    settings, created = StandardsSettings.objects.get_or_create(council=council)
    if settings.parties_seeded_at is None:
        if not council.standards_words.filter(word_list=WordList.PARTY).exists():
            WordListEntry.objects.bulk_create(
                WordListEntry(council=council, word_list=WordList.PARTY, text=party)
                for party in MAIN_UK_PARTIES
            )
        settings.parties_seeded_at = timezone.now()
        settings.save(update_fields=["parties_seeded_at", "updated_at"])
        record(
            council=council,
            actor=actor,
            action="standards.settings_created",
            summary="Standards settings started, with the main UK parties",
            target=settings,
            changes={"parties": [None, list(MAIN_UK_PARTIES)]} if created else {},
        )
        _changed(council)
    return settings


def _contact_state(settings: StandardsSettings) -> dict[str, Any]:
    return {
        "own_phone_numbers": list(settings.own_phone_numbers),
        "own_email_domains": list(settings.own_email_domains),
        "own_postcodes": list(settings.own_postcodes),
        "prohibited_terms": list(settings.prohibited_terms),
    }


def _all_valid(values: list[str], check: Callable[[str], str]) -> list[str]:
    return validation.clean_list([check(value) for value in validation.clean_list(values)])


@transaction.atomic
def update_contact_details(
    *,
    council: Council,
    actor: Actor,
    phone_numbers: list[str],
    email_domains: list[str],
    postcodes: list[str],
    prohibited_terms: list[str],
) -> StandardsSettings:
    """The council's own published numbers, domains and postcodes, and the terms it never uses."""
    settings = ensure_standards_settings(council=council, actor=actor)
    before = _contact_state(settings)
    settings.own_phone_numbers = _all_valid(phone_numbers, validation.phone_number_e164)
    settings.own_email_domains = _all_valid(email_domains, validation.email_domain)
    settings.own_postcodes = _all_valid(postcodes, validation.postcode)
    settings.prohibited_terms = validation.clean_list(prohibited_terms)
    changes = diff(before, _contact_state(settings))
    if changes:
        settings.save()
        record(
            council=council,
            actor=actor,
            action="standards.contact_details_changed",
            summary="Own contact details and prohibited terms changed",
            target=settings,
            changes=changes,
        )
        _changed(council)
    return settings


@transaction.atomic
def set_rule_override(
    *, council: Council, actor: Actor, rule_id: str, enabled: bool, severity: Severity | None
) -> RuleOverride:
    """Switch a catalogue rule on or off or change its severity; unknown rule ids are refused."""
    rules = {info.id: info for info in rule_catalogue()}
    if rule_id not in rules:
        raise UnknownRule(f"There is no rule called ‘{rule_id}’")
    ensure_standards_settings(council=council, actor=actor)
    if severity == rules[rule_id].default_severity:
        severity = None  # the default, stored as such so a change of default reaches the council
    override, _ = RuleOverride.objects.get_or_create(council=council, rule_id=rule_id)
    before = {"enabled": override.is_enabled, "severity": override.severity or None}
    override.is_enabled = enabled
    override.severity = severity.value if severity else ""
    changes = diff(before, {"enabled": enabled, "severity": override.severity or None})
    if changes:
        override.save()
        record(
            council=council,
            actor=actor,
            action="standards.rule_changed",
            summary=f"Rule {rule_id} {'switched on' if enabled else 'switched off'}"
            + (f", severity {severity.label}" if severity else ", default severity"),
            target=override,
            changes=changes,
        )
        _changed(council)
    return override


@transaction.atomic
def add_word(*, council: Council, actor: Actor, word_list: WordList, text: str) -> WordListEntry:
    """Add a word or name to one of the council's lists; the same entry twice is refused."""
    text = " ".join(text.split())
    if word_list == WordList.POLITICIAN_HANDLE:
        text = normalise_handle(text)
    if not text:
        raise validation.InvalidSetting("Enter a word or name")
    ensure_standards_settings(council=council, actor=actor)  # seed parties before adding one
    if council.standards_words.filter(word_list=word_list, text__iexact=text).exists():
        raise DuplicateEntry(f"‘{text}’ is already in {WordList(word_list).label.lower()}")
    try:
        with transaction.atomic():
            entry = WordListEntry.objects.create(council=council, word_list=word_list, text=text)
    except IntegrityError:  # added by someone else a moment ago
        raise DuplicateEntry(f"‘{text}’ is already in the list") from None
    record(
        council=council,
        actor=actor,
        action="standards.word_added",
        summary=f"‘{text}’ added to {WordList(word_list).label.lower()}",
        target=entry,
        changes={"word_list": [None, word_list], "text": [None, text]},
    )
    _changed(council)
    return entry


@transaction.atomic
def remove_word(*, entry: WordListEntry, actor: Actor) -> None:
    """Take a word off a list (configuration, not published content, so the row goes)."""
    council = entry.council
    record(
        council=council,
        actor=actor,
        action="standards.word_removed",
        summary=f"‘{entry.text}’ removed from {WordList(entry.word_list).label.lower()}",
        target=entry,
        changes={"word_list": [entry.word_list, None], "text": [entry.text, None]},
    )
    entry.delete()
    _changed(council)


def _period_state(period: PreElectionPeriod) -> dict[str, Any]:
    return {
        "name": period.name,
        "notice_on": period.notice_on.isoformat(),
        "polling_on": period.polling_on.isoformat(),
        "areas": list(period.areas),
        "ended_on": period.ended_on.isoformat() if period.ended_on else None,
    }


def _check_dates(notice_on: datetime.date, polling_on: datetime.date) -> None:
    if polling_on < notice_on:
        raise PollingBeforeNotice("Polling day must be the same as or after the notice of election")


@transaction.atomic
def create_election_period(
    *,
    council: Council,
    actor: Actor,
    name: str,
    notice_on: datetime.date,
    polling_on: datetime.date,
    areas: list[str],
) -> PreElectionPeriod:
    """A pre-election period, from the notice of election to polling day."""
    _check_dates(notice_on, polling_on)
    period = PreElectionPeriod.objects.create(
        council=council,
        name=name.strip(),
        notice_on=notice_on,
        polling_on=polling_on,
        areas=validation.clean_list(areas),
    )
    record(
        council=council,
        actor=actor,
        action="standards.election_period_created",
        summary=f"Pre-election period ‘{period.name}’ added",
        target=period,
        changes=diff({}, _period_state(period)),
    )
    _changed(council)
    return period


@transaction.atomic
def update_election_period(
    *,
    period: PreElectionPeriod,
    actor: Actor,
    name: str,
    notice_on: datetime.date,
    polling_on: datetime.date,
    areas: list[str],
) -> PreElectionPeriod:
    _check_dates(notice_on, polling_on)
    before = _period_state(period)
    period.name, period.notice_on, period.polling_on = name.strip(), notice_on, polling_on
    period.areas = validation.clean_list(areas)
    changes = diff(before, _period_state(period))
    if changes:
        period.save()
        record(
            council=period.council,
            actor=actor,
            action="standards.election_period_changed",
            summary=f"Pre-election period ‘{period.name}’ changed",
            target=period,
            changes=changes,
        )
        _changed(period.council)
    return period


@transaction.atomic
def end_election_period(
    *, period: PreElectionPeriod, actor: Actor, on: datetime.date | None = None
) -> PreElectionPeriod:
    """Stop a period restricting posts from ``on`` (today), e.g. when an election is countermanded."""
    if period.ended_on is not None:
        raise PeriodAlreadyEnded(f"‘{period.name}’ has already been ended")
    before = _period_state(period)
    period.ended_on = on or timezone.localdate()
    period.save(update_fields=["ended_on", "updated_at"])
    record(
        council=period.council,
        actor=actor,
        action="standards.election_period_ended",
        summary=f"Pre-election period ‘{period.name}’ ended",
        target=period,
        changes=diff(before, _period_state(period)),
    )
    _changed(period.council)
    return period


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
        _changed(council)
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
    _changed(council)
