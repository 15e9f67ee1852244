"""Herald's fast VADER scorer gives VADER's exact compound score, text for text."""

from __future__ import annotations

import csv
import random

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from herald.listening.enrichment.vader_rules import VaderRules
from herald.listening.tests.enrich.conftest import DATASET

VADER = SentimentIntensityAnalyzer()
RULES = VaderRules(VADER.lexicon, VADER.emojis)

# VADER's own examples, and sentences aimed at each of its rules.
SENTENCES = [
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "good good but good bad good",
    "no no no good",
    "never so good",
    "without doubt great",
    "kiss of death is bad",
    "I love it?? really??? no!!!!!",
    "very least good",
    "this is the bomb",
    "yeah right great",
    "",
    "   ",
]


def test_the_labelled_set_and_vaders_examples_score_exactly_as_vader() -> None:
    with DATASET.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)] + SENTENCES
    for text in texts:
        assert RULES.compound(text) == VADER.polarity_scores(text)["compound"], text


@pytest.mark.parametrize("seed", range(3))
def test_random_mixtures_of_rule_words_score_exactly_as_vader(seed: int) -> None:
    words = [
        *" ".join(SENTENCES).split(),
        *[
            "good",
            "bad",
            "not",
            "no",
            "but",
            "BUT",
            "GREAT",
            "very",
            "kind",
            "of",
            "least",
            "never",
            "so",
            "!",
            "?",
            "the",
            "shit",
            ":)",
            "😁",
        ],
    ]
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    for _ in range(1000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        assert RULES.compound(text) == VADER.polarity_scores(text)["compound"], text
