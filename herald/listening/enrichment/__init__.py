"""Enrichment of mentions: the one entry point ingestion calls.

``enrich_mentions`` analyses each mention's text and stores the results on it, stamping the version
of each model or ruleset that produced them: sentiment (VADER), offensive language (Herald's word
lists), personal data (the standards engine), safeguarding cues and the council service it
concerns (the council's keyword rules, then its trained router). ``analyse`` is the same for one
text, for ``herald enrich``. The analysers themselves live in this package's modules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from herald.listening.enrichment.analysis import Analysis
from herald.listening.enrichment.loading import analyser_for
from herald.listening.enrichment.sentiment import VERSION as SENTIMENT_VERSION
from herald.listening.enrichment.sentiment import sentiment_of
from herald.listening.models import Mention

__all__ = ["SENTIMENT_VERSION", "Analysis", "analyse", "enrich_mentions", "sentiment_of"]

FIELDS = [
    "sentiment",
    "sentiment_score",
    "offensive",
    "offensive_score",
    "personal_data",
    "safeguarding",
    "safeguarding_reasons",
    "service_label",
    "service_confidence",
    "enrichment_versions",
    "enriched_at",
]


def analyse(text: str, *, council_id: int | None) -> Analysis:
    """Every analyser over one text, as the council has configured them."""
    return analyser_for(council_id).analyse(text)


def enrich_mentions(mentions: Iterable[Mention], *, save: bool = True) -> int:
    """Analyse and save each mention; returns how many were enriched. With ``save=False`` the
    results are only set on the objects (ingestion enriches a batch before inserting it, so the
    rows are written once, with their enrichment)."""
    now = timezone.now()
    by_council: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_council[mention.council_id].append(mention)
    done: list[Mention] = []
    for council_id, group in by_council.items():
        results = analyser_for(council_id).analyse_many([m.text for m in group])
        for mention, result in zip(group, results, strict=True):
            _apply(mention, result)
            mention.enriched_at = now
            done.append(mention)
    if save:
        Mention.objects.bulk_update(done, FIELDS, batch_size=500)
    return len(done)


def _apply(mention: Mention, result: Analysis) -> None:
    mention.sentiment, mention.sentiment_score = result.sentiment, result.sentiment_score
    mention.offensive, mention.offensive_score = result.offensive, result.offensive_score
    mention.personal_data = result.personal_data
    mention.safeguarding = result.safeguarding
    mention.safeguarding_reasons = result.safeguarding_reasons
    mention.service_label = result.service
    mention.service_confidence = result.service_confidence
    mention.enrichment_versions = {**mention.enrichment_versions, **result.versions}
