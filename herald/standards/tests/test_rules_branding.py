"""Branding: an account's sign-off and hashtags, and the council's prohibited terms."""

from __future__ import annotations

from herald.standards.engine import check
from herald.standards.types import AccountRules, CheckContext, RulePack

PACK = RulePack(
    prohibited_terms=("service users", "Aldermoor CC"),
    accounts={"@AldermoorLibraries": AccountRules("^Libraries team", ("#AldermoorReads",))},
)


def found(text: str, account: str | None = "@AldermoorLibraries") -> list[tuple[str, str]]:
    context = CheckContext(pack=PACK, account=account)
    return [
        (f.rule, text[f.start : f.end]) for f in check(text, context) if f.category == "branding"
    ]


def test_the_account_sign_off_and_hashtag() -> None:
    assert found("New books in. ^Libraries team #AldermoorReads") == []
    assert found("New books in. #AldermoorReads ^Libraries team") == []
    assert found("New books in. ^Libraries team #aldermoorreads https://x.uk") == []
    assert found("New books in.") == [
        ("branding.required_hashtag", ""),
        ("branding.sign_off", ""),
    ]


def test_the_handle_matches_with_or_without_the_at_sign() -> None:
    assert len(found("New books in.", account="AldermoorLibraries")) == 2


def test_other_accounts_have_no_requirements() -> None:
    assert found("New books in.", account="@AldermoorParks") == []
    assert found("New books in.", account=None) == []


def test_prohibited_terms_in_any_case_and_spacing() -> None:
    text = "All our Service  Users and Aldermoor CC staff"
    assert found(text, account=None) == [
        ("branding.prohibited_term", "Service  Users"),
        ("branding.prohibited_term", "Aldermoor CC"),
    ]
    assert found("Users of the service; Aldermoor CCTV", account=None) == []
