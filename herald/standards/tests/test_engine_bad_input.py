"""Bad input: correct findings or a clear DomainError, never a crash."""

from __future__ import annotations

import pytest

from herald.core.errors import DomainError
from herald.standards.engine import check, check_batch
from herald.standards.engine.registry import MAX_TEXT_CHARS, TextNotCheckable
from herald.standards.types import CheckContext, RulePack

BLOCKING = CheckContext(pack=RulePack(blocked_words=("muppet",)))


def rules(text: str, context: CheckContext = BLOCKING) -> list[str]:
    return [f.rule for f in check(text, context)]


def test_empty_and_blank_text_have_no_findings() -> None:
    assert check("") == []
    assert check("   \n\t ") == []


def test_a_megabyte_of_text_is_checked_whole() -> None:
    text = ("Bin day is Tuesday. " * 52_000)[:1_048_576] + " call 07700 900123"
    found = check(text, CheckContext(network="x"))
    assert [f.rule for f in found if f.rule != "accessibility.reading_age"] == [
        "channel.length",
        "personal_data.phone",
    ]
    phone = found[-1]
    assert text[phone.start : phone.end] == "07700 900123"


def test_text_beyond_the_limit_is_a_clear_error() -> None:
    with pytest.raises(TextNotCheckable) as raised:
        check("a" * (MAX_TEXT_CHARS + 1))
    assert isinstance(raised.value, DomainError)
    assert raised.value.code == "text_not_checkable"


def test_not_a_string_is_a_clear_error() -> None:
    with pytest.raises(TextNotCheckable):
        check(b"bytes are not text")  # type: ignore[arg-type]


def test_lone_surrogates_do_not_crash_and_spans_stay_on_the_original() -> None:
    text = "bad \ud800 unicode, ring 07700 900123 \udfff end"
    found = check(text)
    assert [text[f.start : f.end] for f in found] == ["07700 900123"]


def test_control_characters_split_nothing_and_hide_nothing() -> None:
    text = "what the f\x00u\x07c\x1bk"
    assert rules("what the \x07fuck\x00 is this") == ["offensive.profanity"]
    assert check(text) is not None  # no crash; control characters become spaces


def test_right_to_left_overrides_cannot_hide_a_word() -> None:
    text = "you \u202emuppet\u202c"
    found = check(text, BLOCKING)
    assert [(f.rule, text[f.start : f.end]) for f in found] == [
        ("offensive.blocked_word", "muppet")
    ]


def test_zero_width_characters_cannot_hide_a_blocked_word() -> None:
    text = "you mu\u200bpp\u200det"
    found = check(text, BLOCKING)
    assert [(f.rule, text[f.start : f.end]) for f in found] == [
        ("offensive.blocked_word", "mu\u200bpp\u200det")
    ]


def test_homoglyphs_cannot_hide_a_blocked_word() -> None:
    text = "you mu\u0440\u0440\u0435t"  # Cyrillic er (looks like p) and ie
    assert rules(text) == ["offensive.blocked_word"]


def test_combining_accents_cannot_hide_a_word() -> None:
    assert rules("you mu\u0301ppe\u0308t") == ["offensive.blocked_word"]


def test_a_batch_with_bad_text_fails_clearly() -> None:
    with pytest.raises(TextNotCheckable):
        check_batch(["fine", None])  # type: ignore[list-item]


def test_one_enormous_word_is_checked_in_linear_time() -> None:
    # Each of these once made a pattern retry from every character (minutes, not milliseconds).
    for text in ("a" * 63_207, "a-" * 40_000, "#a " * 30_000, "x@" + "a" * 80_000):
        found = check(text, CheckContext(network="facebook"))
        assert "channel.length" in [f.rule for f in found]


def test_accents_cannot_hide_a_word_and_spans_survive_letters_that_lower_to_two() -> None:
    assert rules("what the fück") == ["offensive.profanity"]
    text = "İİİ twinning news: ring 07700 900123"  # "İ".lower() is two characters
    assert [text[f.start : f.end] for f in check(text)] == ["07700 900123"]
