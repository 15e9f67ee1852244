"""Enrichment of mentions: the one entry point ingestion calls.

``enrich_mentions`` analyses each mention's text and stores the results on it, stamping the version
of each model or ruleset that produced them. The analysers themselves live in this package's
modules; ingestion only ever calls ``enrich_mentions``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from herald.listening.models import Mention

SENTIMENT_VERSION = "vader-3.3.2+herald-1"
_analyser = SentimentIntensityAnalyzer()


def sentiment_of(text: str) -> tuple[str, float]:
    """VADER's compound score and its label with VADER's own thresholds (±0.05)."""
    score = float(_analyser.polarity_scores(text)["compound"])
    if score >= 0.05:
        return Mention.Sentiment.POSITIVE, score
    if score <= -0.05:
        return Mention.Sentiment.NEGATIVE, score
    return Mention.Sentiment.NEUTRAL, score


def enrich_mentions(mentions: Iterable[Mention]) -> int:
    """Analyse and save each mention; returns how many were enriched."""
    now = timezone.now()
    done: list[Mention] = []
    for mention in mentions:
        mention.sentiment, mention.sentiment_score = sentiment_of(mention.text)
        mention.enrichment_versions = {
            **mention.enrichment_versions,
            "sentiment": SENTIMENT_VERSION,
        }
        mention.enriched_at = now
        done.append(mention)
    Mention.objects.bulk_update(
        done, ["sentiment", "sentiment_score", "enrichment_versions", "enriched_at"], batch_size=500
    )
    return len(done)
