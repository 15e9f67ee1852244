"""Safeguarding: identifiable children and vulnerable adults, photo consent, disclosures."""

from __future__ import annotations

import pytest

from herald.standards.engine import check
from herald.standards.types import CheckContext, MediaItem


def found(text: str, context: CheckContext | None = None) -> list[tuple[str, str]]:
    return [
        (f.rule, text[f.start : f.end])
        for f in check(text, context)
        if f.category == "safeguarding"
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Well done Olivia, 7, for her poster!", "Olivia, 7,"),
        ("Jack (9) collected 200 cans", "Jack (9)"),
        ("Amelia Jones, aged 6, cut the ribbon", "Amelia Jones, aged 6,"),
        ("Congratulations to Ruby in Year 4", "Ruby in Year 4"),
        ("Ella from Hillside Primary School drew it", "Ella from Hillside Primary School"),
        ("Doris, 94, a resident at Elm Court Care Home", "Doris, 94,"),
    ],
)
def test_identifiable_children_and_vulnerable_adults(text: str, span: str) -> None:
    assert found(text) == [("safeguarding.identifiable_person", span)]


@pytest.mark.parametrize(
    "text",
    [
        "Year 6 pupils from Oakfield Primary visited the chamber",
        "Free activities for ages 8 to 14",
        "Mrs Khan from Oakfield Primary led the assembly",
        "Under 11s football on Saturday",
        "Doris, 94, came to the tea dance",  # an adult, no care setting
        "Room 12, Floor 3 is where training is",
    ],
)
def test_groups_adults_and_numbers_are_not_identifiable_children(text: str) -> None:
    assert found(text) == []


def test_a_photo_of_children_needs_consent_on_record() -> None:
    without = CheckContext(media=(MediaItem(kind="image", alt_text="x y", shows_children=True),))
    with_consent = CheckContext(
        media=(MediaItem(kind="image", shows_children=True, consent_recorded=True),)
    )
    assert found("Sports day", without) == [("safeguarding.photo_consent", "")]
    assert found("Sports day", with_consent) == []
    severities = [f.severity for f in check("Sports day", without) if f.category == "safeguarding"]
    assert severities == ["block"]


@pytest.mark.parametrize(
    "text",
    [
        "My stepdad keeps hitting me",
        "I am scared to go home tonight",
        "the kids next door are left alone all day",
        "My daughter is being bullied on the bus",
        "I want to kill myself",
        "There's no food in the house",
    ],
)
def test_disclosures_need_sign_off(text: str) -> None:
    findings = [f for f in check(text) if f.rule == "safeguarding.disclosure"]
    assert len(findings) == 1
    assert findings[0].severity == "needs_sign_off"


@pytest.mark.parametrize(
    "text",
    [
        "If you are worried a child is being abused, call 0300 123 4568",
        "Self-harm awareness day: support is available",
        "Safeguarding adults week: learn the signs of abuse and neglect",
    ],
)
def test_awareness_posts_are_not_disclosures(text: str) -> None:
    assert found(text) == []
