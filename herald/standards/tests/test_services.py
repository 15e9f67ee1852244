"""Settings services: each change is stored, audited and refused when it makes no sense."""

from __future__ import annotations

import datetime

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.standards import services
from herald.standards.defaults import MAIN_UK_PARTIES
from herald.standards.models import PreElectionPeriod, WordList, WordListEntry
from herald.standards.testing import TEST_ACTOR
from herald.standards.types import Severity
from herald.standards.validation import InvalidSetting

pytestmark = pytest.mark.django_db


def _events(personas: Personas, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(council=personas.council, action=action))


def test_first_use_seeds_the_main_parties_once(personas: Personas) -> None:
    services.ensure_standards_settings(council=personas.council, actor=TEST_ACTOR)
    parties = personas.council.standards_words.filter(word_list=WordList.PARTY)
    assert sorted(parties.values_list("text", flat=True)) == sorted(MAIN_UK_PARTIES)
    parties.delete()  # a council that removes them all keeps it that way
    services.ensure_standards_settings(council=personas.council, actor=TEST_ACTOR)
    assert not parties.exists()
    assert len(_events(personas, "standards.settings_created")) == 1


def test_contact_details_are_normalised_and_audited(personas: Personas) -> None:
    settings = services.update_contact_details(
        council=personas.council,
        actor=TEST_ACTOR,
        phone_numbers=["01632 960000", "+44 1632 960000", "020 7946 0123"],
        email_domains=["@Wessex.GOV.uk"],
        postcodes=["wx12ab"],
        prohibited_terms=["  world-class ", "World-class"],
    )
    assert settings.own_phone_numbers == ["+441632960000", "+442079460123"]
    assert settings.own_email_domains == ["wessex.gov.uk"]
    assert settings.own_postcodes == ["WX1 2AB"]
    assert settings.prohibited_terms == ["world-class"]
    (event,) = _events(personas, "standards.contact_details_changed")
    assert event.changes["own_email_domains"] == [[], ["wessex.gov.uk"]]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone_numbers", "0123", "‘0123’ is not a valid UK phone number"),
        ("email_domains", "not a domain", "‘not a domain’ is not an email domain"),
        ("postcodes", "12345", "‘12345’ is not a UK postcode"),
    ],
)
def test_invalid_contact_details_change_nothing(
    personas: Personas, field: str, value: str, message: str
) -> None:
    values: dict[str, list[str]] = {
        "phone_numbers": [],
        "email_domains": [],
        "postcodes": [],
        "prohibited_terms": [],
    }
    values[field] = [value]
    with pytest.raises(InvalidSetting, match=message):
        services.update_contact_details(council=personas.council, actor=TEST_ACTOR, **values)
    assert not _events(personas, "standards.contact_details_changed")


def test_a_rule_is_switched_off_and_its_severity_changed(personas: Personas) -> None:
    override = services.set_rule_override(
        council=personas.council,
        actor=TEST_ACTOR,
        rule_id="personal_data.email",
        enabled=False,
        severity=Severity.ADVICE,
    )
    assert (override.is_enabled, override.severity) == (False, "advice")
    (event,) = _events(personas, "standards.rule_changed")
    assert event.changes == {"enabled": [True, False], "severity": [None, "advice"]}


def test_an_unknown_rule_is_refused(personas: Personas) -> None:
    with pytest.raises(services.UnknownRule):
        services.set_rule_override(
            council=personas.council,
            actor=TEST_ACTOR,
            rule_id="personal_data.shoe_size",
            enabled=False,
            severity=None,
        )
    assert not personas.council.standards_rule_overrides.exists()


def test_words_are_added_once_and_removed_with_an_audit_trail(personas: Personas) -> None:
    entry = services.add_word(
        council=personas.council, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text=" Numpty "
    )
    assert entry.text == "Numpty"
    with pytest.raises(services.DuplicateEntry):
        services.add_word(
            council=personas.council, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text="numpty"
        )
    services.remove_word(entry=entry, actor=TEST_ACTOR)
    assert not WordListEntry.objects.filter(pk=entry.pk).exists()
    assert len(_events(personas, "standards.word_added")) == 1
    (removed,) = _events(personas, "standards.word_removed")
    assert removed.changes["text"] == ["Numpty", None]


def test_politicians_handles_are_stored_with_the_at_sign(personas: Personas) -> None:
    entry = services.add_word(
        council=personas.council,
        actor=TEST_ACTOR,
        word_list=WordList.POLITICIAN_HANDLE,
        text="CllrJones",
    )
    assert entry.text == "@cllrjones"


def test_a_period_is_added_changed_and_ended_never_deleted(personas: Personas) -> None:
    period = services.create_election_period(
        council=personas.council,
        actor=TEST_ACTOR,
        name="County elections",
        notice_on=datetime.date(2027, 3, 26),
        polling_on=datetime.date(2027, 5, 6),
        areas=["North", "North", "South"],
    )
    assert period.areas == ["North", "South"]
    services.update_election_period(
        period=period,
        actor=TEST_ACTOR,
        name="County elections 2027",
        notice_on=period.notice_on,
        polling_on=period.polling_on,
        areas=period.areas,
    )
    services.end_election_period(period=period, actor=TEST_ACTOR, on=datetime.date(2027, 4, 10))
    period.refresh_from_db()
    assert period.ends_on == datetime.date(2027, 4, 9)
    with pytest.raises(services.PeriodAlreadyEnded):
        services.end_election_period(period=period, actor=TEST_ACTOR)
    assert PreElectionPeriod.objects.filter(pk=period.pk).exists()
    actions = ["created", "changed", "ended"]
    assert [len(_events(personas, f"standards.election_period_{a}")) for a in actions] == [1, 1, 1]


def test_polling_day_before_the_notice_is_refused(personas: Personas) -> None:
    with pytest.raises(services.PollingBeforeNotice):
        services.create_election_period(
            council=personas.council,
            actor=TEST_ACTOR,
            name="Backwards",
            notice_on=datetime.date(2027, 5, 6),
            polling_on=datetime.date(2027, 3, 26),
            areas=[],
        )
    assert not personas.council.pre_election_periods.exists()


def test_account_rules_are_saved_per_handle(personas: Personas) -> None:
    rule = services.save_account_rule(
        council=personas.council,
        actor=TEST_ACTOR,
        handle="WessexLibraries",
        required_sign_off="^WL",
        required_hashtags=["WessexLibraries"],
    )
    assert (rule.handle, rule.required_hashtags) == ("@wessexlibraries", ["#WessexLibraries"])
    with pytest.raises(services.DuplicateEntry):
        services.save_account_rule(
            council=personas.council,
            actor=TEST_ACTOR,
            handle="@WESSEXLIBRARIES",
            required_sign_off="",
            required_hashtags=[],
        )
    with pytest.raises(InvalidSetting):
        services.save_account_rule(
            council=personas.council,
            actor=TEST_ACTOR,
            handle="@other",
            required_sign_off="",
            required_hashtags=["not a tag"],
        )
    services.remove_account_rule(rule=rule, actor=TEST_ACTOR)
    assert not personas.council.standards_account_rules.exists()
    assert len(_events(personas, "standards.account_rule_removed")) == 1
