"""The one normalised form of a mention's text that the rule-based analysers share.

Look-alike letters, invisible characters and accents are folded by the standards engine's own
normaliser (the same one its word lists match against), so "fսck" with an Armenian letter or a
zero-width space inside a word cannot slip past one analyser and be caught by another.
"""

from __future__ import annotations

import re

from herald.standards.engine.normalise import SUSPICIOUS_PATTERN, fold

_SUSPICIOUS = re.compile(SUSPICIOUS_PATTERN)
# Curly apostrophes are how phones type "don't": fold them so the cue lists need one spelling.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalise(text: str) -> str:
    """Lower-cased, with look-alikes and invisible characters folded away."""
    if _SUSPICIOUS.search(text) is not None:
        text = fold(text)[0]
    return text.lower().translate(_QUOTES)
