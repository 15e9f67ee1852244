"""Sentiment: VADER's compound score, labelled with VADER's own thresholds (±0.05)."""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

VERSION = "vader-3.3.2+herald-1"
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
_analyser = SentimentIntensityAnalyzer()


def sentiment_of(text: str) -> tuple[str, float]:
    """VADER's compound score and its label."""
    score = float(_analyser.polarity_scores(text)["compound"])
    return label_for(score), score


def label_for(score: float) -> str:
    if score >= 0.05:
        return POSITIVE
    if score <= -0.05:
        return NEGATIVE
    return NEUTRAL
