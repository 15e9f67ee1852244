"""Pre-election period: sign-off for naming politicians inside a period, advice outside."""

from __future__ import annotations

import datetime

from herald.standards.engine import check
from herald.standards.types import CheckContext, ElectionPeriod, RulePack

PERIOD = ElectionPeriod("May 2027", datetime.date(2027, 3, 22), datetime.date(2027, 5, 6))
PACK = RulePack(
    election_periods=(PERIOD,),
    councillors=("Jane Doe",),
    candidates=("Sam Wilson",),
    politician_handles=("@cllrjanedoe", "samwilson4mayor"),
)
DURING = datetime.date(2027, 4, 10)
AFTER = datetime.date(2027, 5, 7)


def found(text: str, on: datetime.date = DURING, **extra: object) -> list[tuple[str, str]]:
    context = CheckContext(pack=PACK, on=on, **extra)  # type: ignore[arg-type]
    return [
        (f.rule, text[f.start : f.end]) for f in check(text, context) if f.category == "political"
    ]


def test_naming_councillors_candidates_and_parties_during_the_period() -> None:
    text = "Cllr Smith, jane doe and Sam Wilson backed the Labour plan"
    assert found(text) == [
        ("political.councillor", "Cllr Smith"),
        ("political.councillor", "jane doe"),
        ("political.candidate", "Sam Wilson"),
        ("political.party", "Labour"),
    ]
    assert all(
        f.severity == "needs_sign_off" for f in check(text, CheckContext(pack=PACK, on=DURING))
    )


def test_the_period_includes_both_end_days() -> None:
    assert found("Cllr Smith visited", on=PERIOD.starts_on) != []
    assert found("Cllr Smith visited", on=PERIOD.ends_on) != []
    assert found("Cllr Smith visited", on=AFTER) == []


def test_outside_a_period_party_politics_is_advice() -> None:
    text = "The Conservatives and Lib Dems agreed"
    assert found(text, on=AFTER) == [
        ("political.party_content", "Conservatives"),
        ("political.party_content", "Lib Dems"),
    ]
    assert {f.severity for f in check(text, CheckContext(pack=PACK, on=AFTER))} == {"advice"}


def test_words_that_only_look_like_parties() -> None:
    for text in (
        "Labour market figures are out",
        "The conservative estimate was low",
        "The Conservative estimate was low",
        "Green bins are emptied on Monday",
        "Reform of the bus network",
    ):
        assert found(text) == [], text


def test_a_councils_own_party_list_replaces_the_built_in_one() -> None:
    pack = RulePack(election_periods=(PERIOD,), parties=("Aldermoor Independents",))
    context = CheckContext(pack=pack, on=DURING)
    assert [f.rule for f in check("The Aldermoor Independents group met", context)] == [
        "political.party"
    ]
    assert [f.rule for f in check("Labour met", context)] == []


def test_reshares_of_politicians() -> None:
    assert found("RT @cllrjanedoe: great news") == [
        ("political.reshare", "RT @cllrjanedoe"),
        ("political.councillor", "@cllrjanedoe"),
    ]
    assert found("Great news", reshare_of="@SamWilson4Mayor") == [("political.reshare", "")]
    assert found("Great news", reshare_of="@aldermoorschools") == []


def test_campaigns_planned_after_the_period_began() -> None:
    late = datetime.date(2027, 4, 1)
    early = datetime.date(2027, 1, 10)
    assert found("Healthy eating week", campaign="Healthy", campaign_planned_on=late) == [
        ("political.unplanned_campaign", "")
    ]
    assert found("Healthy eating week", campaign="Healthy", campaign_planned_on=None) == [
        ("political.unplanned_campaign", "")
    ]
    assert found("Healthy eating week", campaign="Healthy", campaign_planned_on=early) == []
