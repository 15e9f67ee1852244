"""Sentiment: VADER's rules and lexicon, plus a short lexicon of how residents complain about
council services, which VADER (trained on general social media) reads as neutral.

"The bins are overflowing and there are rats" has no word VADER knows; to a council it is
plainly negative. The added words (valence on VADER's own -4..+4 scale) are only ones that are
negative in every council context we could think of; anything that can be neutral ("closed" on
a bank holiday, "waiting" for a decision) is left out. Abusive language pulls the score negative
too: a resident swearing at the council is not neutral about it.
"""

from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from herald.listening.enrichment.vader_rules import VaderRules

VERSION = "vader-3.3.2-rules+herald-lexicon-1"
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"

COUNCIL_LEXICON = {
    "shambles": -2.5, "shambolic": -2.5, "overflowing": -1.6, "pothole": -1.2, "potholes": -1.2,
    "mould": -1.8, "mouldy": -1.8, "damp": -1.2, "leaking": -1.5, "leak": -1.2, "flooding": -1.5,
    "flooded": -1.5, "rats": -1.6, "vermin": -2.0, "fined": -1.5, "bailiffs": -2.0,
    "summons": -1.5, "arrears": -1.2, "fly-tipping": -2.0, "flytipping": -2.0, "fly-tipped": -2.0,
    "overgrown": -1.2, "gridlock": -1.8, "wrecked": -2.2, "tatty": -1.5, "filthy": -2.2,
    "delays": -1.3, "delayed": -1.3, "overdue": -1.2, "cancelled": -1.2, "punctures": -1.5,
    "shut": -0.8, "chaos": -2.0, "farce": -2.2, "joke": -1.0, "unacceptable": -2.2,
    "clowns": -1.8, "incompetent": -2.5, "pathetic": -2.5, "wankers": -3.0, "tossers": -2.8,
    "tosser": -2.8, "bellend": -2.8, "scum": -3.0, "corrupt": -2.5, "fucking": -2.5,
    "outrageous": -2.0, "out-of-order": -1.2, "unused": -0.6, "nowhere": -0.8,
}  # fmt: skip

# VADER's lexicon and emoji descriptions as the installed package reads them; the scoring is
# ``VaderRules``, VADER's rules written for speed (see its tests for the agreement).
_vader = SentimentIntensityAnalyzer()
_rules = VaderRules({**_vader.lexicon, **COUNCIL_LEXICON}, _vader.emojis)


def sentiment_of(text: str, *, offensive_score: float = 0.0) -> tuple[str, float]:
    """The compound score (-1..1) and its label with VADER's thresholds (±0.05)."""
    score = _rules.compound(text)
    if offensive_score >= 0.6 and score > -offensive_score / 2:
        score = -offensive_score / 2
    return label_for(score), score


def label_for(score: float) -> str:
    if score >= 0.05:
        return POSITIVE
    if score <= -0.05:
        return NEGATIVE
    return NEUTRAL
