"""A council's keyword rules for routing: any of a service's words or phrases means that service.

One compiled alternation per council (longest phrases first, whole words only) finds every
keyword in a text in one pass; the service with the most hits wins, ties to the rule listed first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from herald.listening.enrichment.text import trie_pattern


def clean_keyword(keyword: str) -> str:
    """How a keyword is stored and matched: lower case, single spaces."""
    return " ".join(keyword.lower().split())


class KeywordRules:
    def __init__(self, rules: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._label_of: dict[str, str] = {}
        self._rank: dict[str, int] = {}
        for rank, (label, words) in enumerate(rules):
            self._rank.setdefault(label, rank)
            for word in words:
                self._label_of.setdefault(clean_keyword(word), label)
        terms = [t for t in self._label_of if t]
        # The start of a word is checked on the matches, not in the pattern, so the regex
        # engine can skip to where a keyword could begin (see ``text.trie_pattern``).
        self._pattern = re.compile(trie_pattern(terms) + r"(?!\w)") if terms else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def match(self, norm: str) -> str | None:
        """The service a normalised text's keywords point to, if any."""
        if self._pattern is None:
            return None
        hits: dict[str, int] = {}
        for match in self._pattern.finditer(norm):
            start = match.start()
            if start and (norm[start - 1].isalnum() or norm[start - 1] == "_"):
                continue
            label = self._label_of[" ".join(match.group().split())]
            hits[label] = hits.get(label, 0) + 1
        if not hits:
            return None
        return max(hits, key=lambda label: (hits[label], -self._rank[label]))
