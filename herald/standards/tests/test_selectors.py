"""The rule pack: built from the council's rows, cached, and rebuilt after every change."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.standards import selectors, services
from herald.standards.engine import check
from herald.standards.models import WordList
from herald.standards.testing import TEST_ACTOR
from herald.standards.types import CheckContext, RulePack, Severity

pytestmark = pytest.mark.django_db


def _own_queries(captured: CaptureQueriesContext) -> list[str]:
    """Queries to the standards tables (the test cache is a database table too)."""
    return [q["sql"] for q in captured.captured_queries if '"standards_' in q["sql"]]


def test_a_council_with_nothing_configured_gets_the_default_pack(personas: Personas) -> None:
    pack = selectors.rule_pack_for(council=personas.council)
    assert pack == RulePack(council_name="Wessex County Council")


def test_the_pack_carries_every_setting(personas: Personas) -> None:
    council = personas.council
    services.add_word(council=council, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text="numpty")
    services.add_word(
        council=council, actor=TEST_ACTOR, word_list=WordList.COUNCILLOR, text="Cllr Ann Bell"
    )
    services.set_rule_override(
        council=council,
        actor=TEST_ACTOR,
        rule_id="personal_data.email",
        enabled=True,
        severity=Severity.ADVICE,
    )
    services.save_account_rule(
        council=council,
        actor=TEST_ACTOR,
        handle="@WessexLibraries",
        required_sign_off="^WL",
        required_hashtags=["#WessexLibraries"],
    )
    pack = selectors.rule_pack_for(council=council)
    assert pack.blocked_words == ("numpty",)
    assert pack.councillors == ("Cllr Ann Bell",)
    assert pack.parties is not None
    assert "Labour" in pack.parties  # seeded on first use
    assert pack.setting_for("personal_data.email").severity is Severity.ADVICE
    assert pack.accounts["@wessexlibraries"].required_sign_off == "^WL"


def test_a_change_shows_on_the_next_check(personas: Personas) -> None:
    council = personas.council
    text = "Write to jo@wessex.gov.uk"
    context = CheckContext(pack=selectors.rule_pack_for(council=council))
    assert [f.rule for f in check(text, context)] == ["personal_data.email"]
    services.update_contact_details(
        council=council,
        actor=TEST_ACTOR,
        phone_numbers=[],
        email_domains=["wessex.gov.uk"],
        postcodes=[],
        prohibited_terms=[],
    )
    assert check(text, CheckContext(pack=selectors.rule_pack_for(council=council))) == []


def test_the_pack_is_built_in_five_queries_then_served_from_the_cache(
    personas: Personas,
) -> None:
    council = personas.council
    services.add_word(council=council, actor=TEST_ACTOR, word_list=WordList.BLOCKED, text="numpty")
    with CaptureQueriesContext(connection) as cold:
        selectors.rule_pack_for(council=council)
    assert len(_own_queries(cold)) == 5
    with CaptureQueriesContext(connection) as warm:
        selectors.rule_pack_for(council=council)
    assert _own_queries(warm) == []


def test_packs_do_not_cross_councils(personas: Personas) -> None:
    services.add_word(
        council=personas.other_council,
        actor=TEST_ACTOR,
        word_list=WordList.BLOCKED,
        text="mercian",
    )
    assert selectors.rule_pack_for(council=personas.council).blocked_words == ()


def test_active_election_periods_run_from_notice_to_polling_day(personas: Personas) -> None:
    services.create_election_period(
        council=personas.council,
        actor=TEST_ACTOR,
        name="County elections",
        notice_on=datetime.date(2027, 3, 26),
        polling_on=datetime.date(2027, 5, 6),
        areas=[],
    )

    def active(day: datetime.date) -> list[str]:
        periods = selectors.active_election_periods(council=personas.council, on=day)
        return [p.name for p in periods]

    assert active(datetime.date(2027, 3, 25)) == []
    assert active(datetime.date(2027, 3, 26)) == ["County elections"]
    assert active(datetime.date(2027, 5, 6)) == ["County elections"]
    assert active(datetime.date(2027, 5, 7)) == []
    assert active(datetime.date(2027, 3, 26)) != active(datetime.date(2027, 5, 7))
