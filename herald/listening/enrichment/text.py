"""The one normalised form of a mention's text that the rule-based analysers share.

Look-alike letters, invisible characters and accents are folded by the standards engine's own
normaliser (the same one its word lists match against), so "fսck" with an Armenian letter or a
zero-width space inside a word cannot slip past one analyser and be caught by another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from herald.standards.engine.normalise import SUSPICIOUS_PATTERN, fold

_SUSPICIOUS = re.compile(SUSPICIOUS_PATTERN)
# Curly apostrophes are how phones type "don't": fold them so the cue lists need one spelling.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalise(text: str) -> str:
    """Lower-cased, with look-alikes and invisible characters folded away."""
    if _SUSPICIOUS.search(text) is not None:
        text = fold(text)[0]
    return text.lower().translate(_QUOTES)


WORD_END = "\\b"  # a trie edge that matches the end of a word rather than a character


def trie_pattern(phrases: Iterable[Sequence[str]]) -> str:
    """One regex for many phrases, factored by their common beginnings ("self harm",
    "self-harm", "selfish" share "self"). Python's regex engine tries the alternatives of a flat
    alternation one by one at every position of the text; factored, it follows one path per
    position, several times faster with a hundred phrases. Each phrase is a sequence of
    characters, or ``WORD_END``; the longest phrase matching at a position wins."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _edge(char: str) -> str:
    if char == WORD_END:
        return char
    # A space in a phrase matches any run of white space: "fly  tipping", "fly\ntipping".
    return r"\s+" if char == " " else re.escape(char)


def _emit(node: dict[str, Any]) -> str:
    alternatives = [_edge(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if "" in node:
        return ("(?:" + body + ")?") if len(alternatives) == 1 else body + "?"
    return body
