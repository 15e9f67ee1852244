"""Legal risk (advice): allegations about named people, media without source and licence."""

from __future__ import annotations

import pytest

from herald.standards.engine import check
from herald.standards.types import CheckContext, MediaItem


def found(text: str, context: CheckContext | None = None) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start : f.end]) for f in check(text, context) if f.category == "legal"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Mr Jones is a liar.", "Mr Jones is a liar"),
        ("Cllr Brown is corrupt", "Cllr Brown is corrupt"),
        ("@bob_builds is a crook", "@bob_builds is a crook"),
        ("Everyone knows Peter Grant stole the money", "Peter Grant stole"),
    ],
)
def test_allegations_about_named_people_are_advice(text: str, span: str) -> None:
    assert found(text) == [("legal.allegation", span)]
    assert {f.severity for f in check(text) if f.category == "legal"} == {"advice"}


@pytest.mark.parametrize(
    "text",
    [
        "Trading Standards warn of fraud: scammers are calling residents.",
        "Report benefit fraud anonymously online.",
        "Mr Jones will lead the walk. Beware of scammers at the door.",
    ],
)
def test_allegations_without_a_named_person_are_fine(text: str) -> None:
    assert found(text) == []


def test_media_needs_a_recorded_source_and_licence() -> None:
    media = (
        MediaItem(kind="image", source="Resident", licence=""),
        MediaItem(kind="image", source="", licence=""),
        MediaItem(kind="image", source="Council photographer", licence="Council owned"),
    )
    messages = [
        f.message for f in check("Photos", CheckContext(media=media)) if f.category == "legal"
    ]
    assert messages == [
        "Media 1 has no recorded licence.",
        "Media 2 has no recorded source or licence.",
    ]
