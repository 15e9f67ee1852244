"""Hashtags: finding them, telling whether one needs CamelCase, and whether it sits mid-text."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from herald.standards.engine import classifier

_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z]\w*)")
# What may follow the last hashtags of a post: spaces, punctuation, links, handles and emoji.
_TAIL_NOISE = re.compile(r"(?:https?://\S+|www\.\S+|@\w+|#\w+|[^\w#@])+")
_SHORT_WORDS = frozenset(
    [
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "the",
        "and",
        "for",
        "my",
        "our",
        "we",
        "is",
        "it",
        "at",
        "by",
        "go",
        "up",
        "day",
        "get",
        "big",
        "your",
        "you",
        "all",
        "new",
    ]
)
MIN_PIECE = 3
ALWAYS_SPLIT_LENGTH = 16  # a lower-case hashtag this long is several words whatever they are
SHORT_PIECE = 3
MAX_HINT_LENGTH = 60  # hashtags are short; past this a hint is not worth quadratic work


def hashtags(text: str) -> list[re.Match[str]]:
    return list(_HASHTAG.finditer(text))


@functools.cache
def _vocabulary() -> frozenset[str]:
    # The offensive-language model's vocabulary: 15,000 ordinary English words, already loaded.
    return frozenset(classifier.model().weights) | _SHORT_WORDS


def _is_word(piece: str) -> bool:
    return piece in _SHORT_WORDS or (len(piece) >= MIN_PIECE and piece in _vocabulary())


@functools.lru_cache(maxsize=4096)
def _splits_into_words(tag: str) -> bool:
    """Whether ``tag`` is two or more dictionary words run together."""
    reachable = [True] + [False] * len(tag)
    pieces = [0] * (len(tag) + 1)
    for end in range(1, len(tag) + 1):
        for start in range(end):
            if reachable[start] and _is_word(tag[start:end]):
                reachable[end] = True
                pieces[end] = pieces[start] + 1
                break
    return reachable[-1] and pieces[-1] >= 2


def needs_camel_case(tag: str) -> bool:
    """A hashtag of several words all in one case ("#bookweek", "#BOOKWEEK")."""
    if not (tag.islower() or tag.isupper()) or len(tag) < 6 or not tag.isalpha():
        return False
    lowered = tag.lower()
    if lowered in _vocabulary():
        return False
    return len(lowered) >= ALWAYS_SPLIT_LENGTH or _splits_into_words(lowered)


def camel_case_hint(tag: str) -> str:
    """The tag in CamelCase. Dictionary words in as few pieces as possible when the whole tag is
    made of them ("binday" → "BinDay"); otherwise only longer words are trusted (the model's
    vocabulary is full of fragments such as "der") and a run the dictionary does not know, a
    place name say, stays one piece: "aldermoorlibraries" → "AldermoorLibraries"."""
    lowered = tag.lower()
    if len(lowered) > MAX_HINT_LENGTH:  # a pathological tag gets no hint, not quadratic work
        return lowered.capitalize()
    pieces = _segment(lowered, known=_is_word, allow_unknown=False) or _segment(
        lowered,
        known=lambda piece: len(piece) > SHORT_PIECE and _is_word(piece),
        allow_unknown=True,
    )
    return "".join(piece.capitalize() for piece in pieces)


def _segment(text: str, *, known: Callable[[str], bool], allow_unknown: bool) -> list[str]:
    """Split ``text`` with the fewest letters outside known words, then the fewest pieces; an
    empty list if ``allow_unknown`` is off and no split into known words exists."""
    impossible = (len(text) + 1, len(text) + 1)
    # best[end] = ((letters outside known words, pieces), where the last piece starts)
    best: list[tuple[tuple[int, int], int]] = [((0, 0), 0)]
    for end in range(1, len(text) + 1):
        options = [(impossible, 0)]
        for start in range(end):
            (unknown, pieces), _ = best[start]
            if (unknown, pieces) == impossible:
                continue
            if not known(text[start:end]):
                if not allow_unknown:
                    continue
                unknown += end - start
            options.append(((unknown, pieces + 1), start))
        best.append(min(options))
    if best[-1][0] == impossible:
        return []
    split: list[str] = []
    end = len(text)
    while end > 0:
        start = best[end][1]
        split.append(text[start:end])
        end = start
    return split[::-1]


def closing_block_start(text: str) -> int:
    """Where the closing run of hashtags, links, handles, punctuation and emoji begins.
    Walks back word by word, so it stays linear however many hashtags there are."""
    start = len(text.rstrip())
    for word in reversed(text.split()):
        if not _TAIL_NOISE.fullmatch(word):
            break
        start = text.rindex(word, 0, start)
    return start


def mid_text(text: str, tags: list[re.Match[str]]) -> list[re.Match[str]]:
    """The hashtags that have ordinary words after them (not in the closing block)."""
    block = closing_block_start(text)
    return [tag for tag in tags if tag.start() < block]
