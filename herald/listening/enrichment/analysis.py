"""One text through every analyser: the ``Analysis`` that ``herald enrich`` prints and
``enrich_mentions`` stores, with the version of each model or ruleset that produced it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from herald.listening.enrichment import offensive, personal, safeguarding, sentiment
from herald.listening.enrichment.keywords import KeywordRules
from herald.listening.enrichment.router import Router
from herald.listening.enrichment.text import normalise
from herald.standards.types import CheckContext

# A text no keyword or model places (or the model is unsure of) is "other": a person triages it.
OTHER = "other"
MIN_CONFIDENCE = 0.35
# Beyond any network's post limit; longer texts are analysed on their first part only.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Analysis:
    sentiment: str
    sentiment_score: float
    offensive: bool
    offensive_score: float
    personal_data: list[dict[str, object]]
    safeguarding_reasons: list[str]
    service: str
    service_confidence: float
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def safeguarding(self) -> bool:
        return bool(self.safeguarding_reasons)

    def as_json(self) -> dict[str, Any]:
        """The shape ``herald enrich`` writes (without the id)."""
        return {
            "sentiment": {"label": self.sentiment, "score": round(self.sentiment_score, 4)},
            "offensive": {"flag": self.offensive, "score": self.offensive_score},
            "personal_data": self.personal_data,
            "safeguarding": {"flag": self.safeguarding, "reasons": self.safeguarding_reasons},
            "service": {"label": self.service, "confidence": round(self.service_confidence, 3)},
        }


class Analyser:
    """Every analyser set up for one council: its keyword rules, its router, its rule pack."""

    def __init__(
        self,
        *,
        keywords: KeywordRules | None = None,
        keywords_version: str = "",
        router: Router | None = None,
        router_version: str = "",
        personal_context: CheckContext | None = None,
    ) -> None:
        self.keywords = keywords or KeywordRules([])
        self.router = router
        self.personal_context = personal_context or personal.personal_data_context()
        self.base_versions = {
            "sentiment": sentiment.VERSION,
            "offensive": offensive.VERSION,
            "personal_data": personal.VERSION,
            "safeguarding": safeguarding.VERSION,
        }
        self.keywords_version = keywords_version
        self.router_version = router_version

    def analyse(self, text: str) -> Analysis:
        return self.analyse_many([text])[0]

    def analyse_many(self, texts: Sequence[str]) -> list[Analysis]:
        """``analyse`` for a batch (what ingestion's batches and ``herald enrich`` use)."""
        texts = [text[:MAX_CHARS] for text in texts]
        norms = [normalise(text) for text in texts]
        found = personal.personal_data_in_many(texts, self.personal_context)
        routes = self.route_many(norms)
        return [
            self._analyse(text, data, norm, route)
            for text, data, norm, route in zip(texts, found, norms, routes, strict=True)
        ]

    def _analyse(
        self,
        text: str,
        personal_data: list[dict[str, object]],
        norm: str,
        route: tuple[str, float, str],
    ) -> Analysis:
        flag, rude = offensive.offensive_score(norm)
        label, score = sentiment.sentiment_of(text, offensive_score=rude)
        service, confidence, service_version = route
        return Analysis(
            sentiment=label,
            sentiment_score=score,
            offensive=flag,
            offensive_score=rude,
            personal_data=personal_data,
            safeguarding_reasons=safeguarding.safeguarding_reasons(norm),
            service=service,
            service_confidence=confidence,
            versions={**self.base_versions, "service": service_version},
        )

    def route(self, norm: str) -> tuple[str, float, str]:
        """Keyword rules first (certain when they match), then the trained router."""
        return self.route_many([norm])[0]

    def route_many(self, norms: Sequence[str]) -> list[tuple[str, float, str]]:
        """``route`` for a batch: the texts no keyword places go to the router together."""
        routes: list[tuple[str, float, str] | None] = []
        unplaced: list[int] = []
        for at, norm in enumerate(norms):
            matched = self.keywords.match(norm)
            if matched is not None:
                routes.append((matched, 1.0, self.keywords_version))
            elif self.router is None:
                routes.append((OTHER, 0.0, "none"))
            else:
                routes.append(None)
                unplaced.append(at)
        if self.router is not None and unplaced:
            predicted = self.router.predict_many([norms[at] for at in unplaced])
            for at, (label, confidence) in zip(unplaced, predicted, strict=True):
                unsure = confidence < MIN_CONFIDENCE
                routes[at] = (OTHER if unsure else label, confidence, self.router_version)
        return [route for route in routes if route is not None]
