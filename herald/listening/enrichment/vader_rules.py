"""VADER's compound score computed with VADER's own rules, lexicon and constants (read from the
installed vaderSentiment package), written for speed.

``SentimentIntensityAnalyzer.polarity_scores`` lower-cases the whole token list again for every
rule it applies to every sentiment word, walks every character of every text looking for emoji,
and works out four scores where enrichment needs one. This scorer lower-cases each text once,
looks for emoji only in texts that are not plain ASCII, stops early when no word of the text is
in the lexicon, and computes only the compound score. ``herald/listening/tests/enrich/test_vader_rules.py``
checks that it gives VADER's exact compound on the labelled set and on VADER's own examples.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Mapping

from vaderSentiment.vaderSentiment import BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE, SPECIAL_CASES

_NEGATE = frozenset(NEGATE)
_BOOSTER: dict[str, float] = BOOSTER_DICT
_SPECIAL: dict[str, float] = SPECIAL_CASES
_PUNCTUATION = string.punctuation


def _token(word: str) -> str:
    stripped = word.strip(_PUNCTUATION)
    return word if len(stripped) <= 2 else stripped


class _Memo(dict[str, str]):
    """A word's form, worked out once per distinct word (words repeat across texts, and a
    dictionary hit costs less than stripping or lower-casing again); bounded, as vocabulary
    never ends."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, word: str) -> str:
        if len(self) > 100_000:
            self.clear()
        form = self[word] = self.make(word)
        return form


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


class VaderRules:
    def __init__(self, lexicon: Mapping[str, float], emojis: Mapping[str, str]) -> None:
        self.lexicon = dict(lexicon)
        self.emojis = dict(emojis)
        self._tokens = _Memo(_token)
        self._lower = _Memo(str.lower)

    def compound(self, text: str) -> float:
        """VADER's compound score for ``text`` (-1..1, rounded to four places as VADER does)."""
        text = text.strip() if text.isascii() else self._describe_emoji(text)
        words = list(map(self._tokens.__getitem__, text.split()))
        lower = list(map(self._lower.__getitem__, words))
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lower):
            return 0.0  # every word scores 0, so the sum and the compound are 0
        # Some words in capitals and some not (VADER: not every word, and not none).
        cap_diff = 0 < sum(map(str.isupper, words)) < len(words)
        sentiments: list[float] = []
        last = len(words) - 1
        for i, item in enumerate(lower):
            if item in _BOOSTER or (i < last and item == "kind" and lower[i + 1] == "of"):
                sentiments.append(0.0)
            elif item in lexicon:
                sentiments.append(self._valence(words, lower, i, cap_diff))
            else:
                sentiments.append(0.0)
        if "but" in lower:
            _but(sentiments, lower.index("but"))
        return round(_normalise(sum(sentiments), text), 4)

    def _describe_emoji(self, text: str) -> str:
        out: list[str] = []
        prev_space = True
        for char in text:
            description = self.emojis.get(char)
            if description is not None:
                if not prev_space:
                    out.append(" ")
                out.append(description)
                prev_space = False
            else:
                out.append(char)
                prev_space = char == " "
        return "".join(out).strip()

    def _valence(self, words: list[str], lower: list[str], i: int, cap_diff: bool) -> float:
        lexicon = self.lexicon
        item = lower[i]
        valence = lexicon[item]
        if item == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[item] * N_SCALAR
        if cap_diff and words[i].isupper():
            valence += C_INCR if valence > 0 else -C_INCR
        for start in range(3):
            if i > start and lower[i - (start + 1)] not in lexicon:
                valence = _modified(words, lower, i, start=start, valence=valence, cap=cap_diff)
        return _least(lexicon, lower, i, valence)


def _modified(
    words: list[str], lower: list[str], i: int, *, start: int, valence: float, cap: bool
) -> float:
    """The valence as the word ``start + 1`` places before changes it (boosters, negations)."""
    before = i - (start + 1)
    scalar = _scalar(words[before], lower[before], valence, cap)
    if start == 1 and scalar != 0:
        scalar = scalar * 0.95
    if start == 2 and scalar != 0:
        scalar = scalar * 0.9
    valence += scalar
    if start < 2:
        return _near_negation(valence, lower, start, i)
    return _idioms(_far_negation(valence, lower, i), lower, i)


def _scalar(word: str, lower: str, valence: float, cap_diff: bool) -> float:
    found = _BOOSTER.get(lower)
    if found is None:
        return 0.0
    scalar = float(found)
    if valence < 0:
        scalar *= -1
    if word.isupper() and cap_diff:
        scalar += C_INCR if valence > 0 else -C_INCR
    return scalar


def _near_negation(valence: float, lower: list[str], start: int, i: int) -> float:
    if start == 0:
        return valence * N_SCALAR if _negated(lower[i - 1]) else valence
    if start == 1:
        if lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
            return valence * 1.25
        if lower[i - 2] == "without" and lower[i - 1] == "doubt":
            return valence
    return valence * N_SCALAR if _negated(lower[i - 2]) else valence


def _far_negation(valence: float, lower: list[str], i: int) -> float:
    if (lower[i - 3] == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in (
        "so",
        "this",
    ):
        return valence * 1.25
    if lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
        return valence
    return valence * N_SCALAR if _negated(lower[i - 3]) else valence


def _idioms(valence: float, lower: list[str], i: int) -> float:
    one_zero = f"{lower[i - 1]} {lower[i]}"
    two_one_zero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    two_one = f"{lower[i - 2]} {lower[i - 1]}"
    three_two_one = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    three_two = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in _SPECIAL:
            valence = _SPECIAL[sequence]
            break
    if len(lower) - 1 > i and f"{lower[i]} {lower[i + 1]}" in _SPECIAL:
        valence = _SPECIAL[f"{lower[i]} {lower[i + 1]}"]
    if len(lower) - 1 > i + 1:
        zero_one_two = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zero_one_two in _SPECIAL:
            valence = _SPECIAL[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in _BOOSTER:
            valence = valence + _BOOSTER[n_gram]
    return valence


def _least(lexicon: Mapping[str, float], lower: list[str], i: int, valence: float) -> float:
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] not in ("at", "very"):
            valence = valence * N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _but(sentiments: list[float], but: int) -> None:
    # VADER's own "but" rule, kept as it behaves: each score is found again by value, so a score
    # repeated before and after "but" is adjusted at its first place only.
    for sentiment in list(sentiments):
        at = sentiments.index(sentiment)
        if at < but:
            sentiments[at] = sentiment * 0.5
        elif at > but:
            sentiments[at] = sentiment * 1.5


def _normalise(total: float, text: str) -> float:
    marks = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    if questions > 1:
        marks += questions * 0.18 if questions <= 3 else 0.96
    if total > 0:
        total += marks
    elif total < 0:
        total -= marks
    score = total / math.sqrt(total * total + 15)
    return max(-1.0, min(1.0, score))
