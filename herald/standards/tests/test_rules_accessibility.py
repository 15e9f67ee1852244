"""Accessibility: alt text, captions, hashtags, emojis, links, sentences, reading age."""

from __future__ import annotations

import pytest

from herald.standards.engine import check
from herald.standards.engine.rules.accessibility import reading_age
from herald.standards.engine.rules.hashtags import camel_case_hint
from herald.standards.types import AccountRules, CheckContext, MediaItem, RulePack


def found(text: str, context: CheckContext | None = None) -> list[tuple[str, str]]:
    return [
        (f.rule, text[f.start : f.end])
        for f in check(text, context)
        if f.category == "accessibility"
    ]


def media_rules(*media: MediaItem) -> list[str]:
    return [
        f.message
        for f in check("New play park", CheckContext(media=media))
        if f.rule in {"accessibility.alt_text", "accessibility.captions"}
    ]


def test_alt_text_must_say_what_the_image_shows() -> None:
    assert media_rules(
        MediaItem(kind="image"),
        MediaItem(kind="image", alt_text="IMG_2041.jpg"),
        MediaItem(kind="image", alt_text="Image of the mayor"),
        MediaItem(kind="image", alt_text="photo"),
        MediaItem(kind="image", alt_text="Swings and a slide in the new Mill Lane play park"),
    ) == [
        "Image 1: This image has no alt text.",
        "Image 2: This image's alt text is a file name.",
        'Image 3: Alt text should not start "image of"; screen readers already say it is an image.',
        "Image 4: This image's alt text does not say what it shows.",
    ]


def test_video_needs_captions() -> None:
    assert media_rules(MediaItem(kind="video"), MediaItem(kind="video", has_captions=True)) == [
        "Video 1 has no captions."
    ]


def test_hashtags_in_camel_case_at_most_two_at_the_end() -> None:
    text = "Celebrate #bookweek with us! #AldermoorReads #Libraries #Summer"
    assert found(text) == [
        ("accessibility.hashtag_case", "#bookweek"),
        ("accessibility.hashtag_position", "#bookweek"),
        ("accessibility.hashtag_count", "#Libraries #Summer"),
    ]
    assert found("Celebrate Book Week with us! #BookWeek #Libraries") == []
    assert found("Spring is here #recycling") == []  # one word needs no capitals


def test_emojis_at_most_three_and_not_for_words() -> None:
    assert found("Come to our 🎄 fair") == [("accessibility.emoji_for_words", "🎄")]
    assert found("Great day 🎉🎉🎈🎈") == [("accessibility.emoji_count", "")]
    assert found("Great day, thanks all 🎉") == []


def test_one_link_and_no_click_here() -> None:
    text = "Click here: https://aldermoor.gov.uk/bins and https://aldermoor.gov.uk/parking"
    assert found(text) == [
        ("accessibility.click_here", "Click here"),
        ("accessibility.link_count", "https://aldermoor.gov.uk/parking"),
    ]
    assert found("Find your bin day at https://aldermoor.gov.uk/bins") == []


def test_sentences_of_at_most_25_words() -> None:
    long_sentence = " ".join(["word"] * 26) + "."
    assert found(long_sentence) == [("accessibility.sentence_length", long_sentence)]
    assert found(" ".join(["word"] * 25) + ". Short one.") == []


def test_reading_age_is_advice_for_dense_text_only() -> None:
    plain = "Your bins will be emptied a day late next week because of the bank holiday. Thank you."
    dense = (
        "The implementation of the comprehensive neighbourhood regeneration framework "
        "necessitates substantial consultation with stakeholders regarding infrastructure "
        "prioritisation and environmental sustainability considerations across the district."
    )
    assert reading_age(plain) < 12
    assert found(plain) == []
    assert ("accessibility.reading_age", "") in found(dense)


def test_hashtags_just_before_the_accounts_sign_off_are_at_the_end() -> None:
    pack = RulePack(accounts={"@AldermoorLibraries": AccountRules(required_sign_off="^AB")})
    context = CheckContext(pack=pack, account="@AldermoorLibraries")
    assert found("New books in. #AldermoorReads ^AB", context) == []
    assert found("New books in. #AldermoorReads ^AB") == [
        ("accessibility.hashtag_position", "#AldermoorReads")
    ]


@pytest.mark.parametrize(
    ("tag", "hint"),
    [
        ("bookweek", "BookWeek"),
        ("BINDAY", "BinDay"),
        ("mentalhealthawarenessweek", "MentalHealthAwarenessWeek"),
        # A place name the dictionary does not know stays whole, not cut into fragments.
        ("aldermoorlibraries", "AldermoorLibraries"),
        ("aldermoorcountycouncil", "AldermoorCountyCouncil"),
    ],
)
def test_camel_case_hint_splits_into_words_and_keeps_unknown_names_whole(
    tag: str, hint: str
) -> None:
    assert camel_case_hint(tag) == hint
