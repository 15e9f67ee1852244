"""Each analyser on its own, without the database: what it catches and what it leaves alone."""

from __future__ import annotations

import pytest

from herald.listening.enrichment.analysis import OTHER, Analyser
from herald.listening.enrichment.keywords import KeywordRules
from herald.listening.enrichment.offensive import offensive_score
from herald.listening.enrichment.personal import personal_data_context, personal_data_in
from herald.listening.enrichment.safeguarding import (
    ADULT_AT_RISK,
    CHILD_AT_RISK,
    DOMESTIC_ABUSE,
    SELF_HARM,
    VIOLENCE,
    safeguarding_reasons,
)
from herald.listening.enrichment.sentiment import sentiment_of
from herald.listening.enrichment.text import normalise
from herald.standards.types import RulePack


@pytest.mark.parametrize(
    "text",
    [
        "fuuuuck this council",
        "fuuck this council",
        "shitt service",
        "f*ck off",
        "f***ing joke",
        "sh1t service",
        "sh!t decision",
        "c u n t",
        "f.u.c.k.i.n.g useless",
        "you absolute tw@t",
        "wankers",
        "bellend",
        "b0ll0cks to the lot of you",
        "fuсk with a Cyrillic letter",
        "f\u200buck with a zero-width space",
        "kill yourself",
        "go back to your own country",
    ],
)
def test_offensive_language_and_its_disguises_are_flagged(text: str) -> None:
    flag, score = offensive_score(normalise(text))
    assert flag, text
    assert score >= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United at home on Saturday",
        "Dickens reading night at the library",
        "Cockermouth bypass closed",
        "slagging off the council again are we",
        "The bins were not collected on the A38 at 7am",
        "Shiitake mushrooms at the farmers market",
        "a numpty parked across my drive",
    ],
)
def test_innocent_or_merely_rude_words_are_not_flagged(text: str) -> None:
    flag, _ = offensive_score(normalise(text))
    assert not flag, text


def test_more_rude_words_score_higher() -> None:
    one = offensive_score(normalise("you muppets"))[1]
    two = offensive_score(normalise("you muppets and idiots"))[1]
    assert 0 < one < two < 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("honestly I can't go on, might just end it all", SELF_HARM),
        ("thinking about suicide tonight", SELF_HARM),
        ("I'll kill the next councillor who knocks on my door", VIOLENCE),
        ("my partner hits me and I have nowhere to go", DOMESTIC_ABUSE),
        ("the kids next door are left alone all weekend and they're hungry", CHILD_AT_RISK),
        ("my nan with dementia hasn't eaten, carer didn't turn up", ADULT_AT_RISK),
        ("a woman is sleeping rough in the bank doorway and it's freezing", ADULT_AT_RISK),
        ("lads getting year 8 kids to carry packages, county lines", CHILD_AT_RISK),
    ],
)
def test_safeguarding_cues_give_their_reason(text: str, reason: str) -> None:
    assert reason in safeguarding_reasons(normalise(text))


def test_ordinary_complaints_raise_no_safeguarding_concern() -> None:
    for text in (
        "Bins not collected again on Elm Road",
        "Library closed on Wednesdays now",
        "Council tax up 5% again",
        "Great storytime for the kids at the library",
    ):
        assert safeguarding_reasons(normalise(text)) == [], text


def test_sentiment_reads_council_complaints_that_vader_misses() -> None:
    assert sentiment_of("The communal bins are overflowing and there are rats")[0] == "negative"
    assert sentiment_of("Thanks, brilliant service from the library")[0] == "positive"
    assert sentiment_of("When do the new bills go out?")[0] == "neutral"


def test_swearing_at_the_council_is_never_positive() -> None:
    label, score = sentiment_of("fuuuck this council honestly", offensive_score=0.85)
    assert label == "negative"
    assert score <= -0.4


def test_personal_data_is_found_through_the_standards_engine_without_keeping_it() -> None:
    text = "Call me on 07700 900123 or email jo.bloggs@example.com"
    found = personal_data_in(text, personal_data_context())
    assert {item["kind"] for item in found} >= {"phone", "email"}
    assert all(set(item) == {"kind", "rule", "start", "end"} for item in found)
    phone = next(item for item in found if item["kind"] == "phone")
    start, end = int(str(phone["start"])), int(str(phone["end"]))
    assert text[start:end].replace(" ", "") == "07700900123"


def test_the_councils_own_contact_details_are_not_personal_data() -> None:
    pack = RulePack(own_email_domains=frozenset({"aldermoor.gov.uk"}))
    found = personal_data_in("Email bins@aldermoor.gov.uk", personal_data_context(pack))
    assert found == []


def test_keyword_rules_pick_the_service_with_most_hits_and_whole_words_only() -> None:
    rules = KeywordRules([("parking", ["parking", "pcn"]), ("waste", ["bin", "fly tipping"])])
    assert rules.match("got a pcn for parking by my bin") == "parking"
    assert rules.match("fly   tipping again") == "waste"
    assert rules.match("cabinet meeting tonight") is None  # "bin" inside "cabinet"


def test_without_a_router_or_keywords_the_service_is_other() -> None:
    result = Analyser().analyse("Something about the town")
    assert result.service == OTHER
    assert result.versions["service"] == "none"
    assert set(result.versions) == {
        "sentiment",
        "offensive",
        "personal_data",
        "safeguarding",
        "service",
    }


def test_enormous_texts_are_analysed_on_their_first_part() -> None:
    result = Analyser().analyse("fuck " + "word " * 1_000_000)
    assert result.offensive
