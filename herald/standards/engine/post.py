"""One text being checked: the original, its folded form for matching, and shared lazy facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property

from herald.standards.engine import classifier
from herald.standards.engine.normalise import SUSPICIOUS_PATTERN, any_of, fold
from herald.standards.types import CheckContext, Finding, RuleInfo, Severity

_SUSPICIOUS = re.compile(SUSPICIOUS_PATTERN)
_DIGITS = re.compile(r"\d+")
# Every link the URL pattern matches contains one of these; checking for them is far cheaper.
_URL_CUES = ("http", "www.", ".uk", ".com", ".org", ".net", ".ly", ".io")
_has_url_cue = any_of(_URL_CUES)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Links as networks recognise them: a scheme, "www.", or a bare domain under a common ending.
URL = re.compile(
    r"\bhttps?://[^\s<>\"]+|\bwww\.[^\s<>\"]+"
    r"|(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.uk|co\.uk|org\.uk|ac\.uk|nhs\.uk|com|org|net|uk|ly|io)"
    r"(?:/[^\s<>\"]*)?(?![\w.])",
    re.IGNORECASE,
)


class Post:
    """The text under check. ``norm`` is what rules match; ``span`` maps a ``norm`` span back.

    Facts several rules need (the words, whether the classifier thinks it profane) are computed
    once, on first use, so a rule that a council has switched off costs nothing.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # The offensive-language classifier's probability once worked out; 0.0 when it was shown
        # to fall short of the threshold without scoring.
        self.profanity_score: float | None = None
        self.cache: dict[str, object] = {}  # facts shared by the rules of one category
        if _SUSPICIOUS.search(text) is None:
            # ASCII, Latin-1, punctuation and emoji all lower-case one to one.
            self.norm = text.lower()
            self._index: list[int] | None = None
        else:
            self.norm, self._index = fold(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for a span of ``norm``."""
        if self._index is None:
            return start, end
        index = self._index
        if end <= start:
            return index[start], index[start]
        return index[start], index[end - 1] + 1

    @property
    def folded(self) -> bool:
        """Whether ``norm`` differs from the text in more than letter case."""
        return self._index is not None

    @cached_property
    def original_cased(self) -> str:
        """``norm`` with the original letter case where the fold kept one character per
        character, for the rules that need capital letters (names, postcodes)."""
        if self._index is None:
            return self.text
        text = self.text
        return "".join(
            text[i] if text[i].lower() == c else c
            for c, i in zip(self.norm, self._index, strict=False)
        )

    @cached_property
    def digits(self) -> int:
        """How many digits the text holds: most identifiers need several, most posts have few."""
        return sum(map(len, _DIGITS.findall(self.text)))

    @cached_property
    def tokens(self) -> list[str]:
        """``norm``'s words of two or more word characters, as the classifier splits them."""
        return classifier.tokens(self.norm)

    @cached_property
    def single_letters(self) -> int:
        """How many one-character words there are: a word spelt out "f u c k" needs three."""
        return len(classifier.all_tokens(self.norm)) - len(self.tokens)

    @cached_property
    def word_set(self) -> frozenset[str]:
        """The distinct ``tokens``: for set intersections with word lists."""
        return frozenset(self.tokens)

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @cached_property
    def urls(self) -> list[re.Match[str]]:
        """Links in the original text (emails excluded: "jo@example.com" is not a link)."""
        norm = self.norm
        if "." not in norm or _has_url_cue(norm) is None:
            return []
        return [
            m for m in URL.finditer(self.text) if m.start() == 0 or self.text[m.start() - 1] != "@"
        ]


def finding(
    info: RuleInfo,
    post: Post,
    start: int,
    end: int,
    message: str,
    *,
    kind: str = "",
    suggestion: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A finding for a span of ``post.norm`` (mapped back), or the whole post for ``0, 0``."""
    if start or end:
        start, end = post.span(start, end)
    return Finding(
        rule=info.id,
        category=info.category,
        kind=kind or info.id.partition(".")[2],
        severity=severity or info.default_severity,
        start=start,
        end=end,
        message=message,
        guideline=info.guideline,
        suggestion=suggestion,
    )


RuleCheck = Callable[[Post, CheckContext], Iterable[Finding]]
