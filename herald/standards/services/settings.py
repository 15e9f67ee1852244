"""The council's own contact details, rule overrides and word lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.councils.models import Council
from herald.standards import validation
from herald.standards.defaults import MAIN_UK_PARTIES, normalise_handle
from herald.standards.engine import rule_catalogue
from herald.standards.models import RuleOverride, StandardsSettings, WordList, WordListEntry
from herald.standards.services.common import DuplicateEntry, UnknownRule, pack_changed
from herald.standards.types import Severity


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
        pack_changed(council)
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
        pack_changed(council)
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
        pack_changed(council)
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
    pack_changed(council)
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
    pack_changed(council)
