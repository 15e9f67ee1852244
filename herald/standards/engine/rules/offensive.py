"""Offensive language: profanity and slurs, however disguised, and the council's blocked words.

Guidelines (report ¶20, running an online community; the Policy's "safe, appropriate" test in
¶8): nothing the council publishes may swear, abuse or use slurs, including in replies.

Matching is on the folded text (look-alike letters, zero-width and bidi characters removed), then
per word with "leetspeak" decoded ("sh1t", "@rse"), masks ("f*ck"), stretched letters ("fuuuck")
and letters spaced out ("f u c k", "s.h.i.t"). Words only ever match whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from herald.standards.engine import classifier
from herald.standards.engine.normalise import fold
from herald.standards.engine.post import Post, RuleCheck, finding
from herald.standards.engine.wordlists import LEET, PROFANITY, SLURS
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, RulePack, Severity

GUIDELINE = (
    "Social Media Policy: everything the council publishes must be safe and appropriate; the "
    "Guidelines on running an online community rule out swearing, abuse and slurs."
)


def _rule(key: str, title: str, description: str, severity: Severity = Severity.BLOCK) -> RuleInfo:
    return RuleInfo(
        id=f"offensive.{key}",
        category=Category.OFFENSIVE,
        title=title,
        description=description,
        default_severity=severity,
        guideline=GUIDELINE,
    )


PROFANE = _rule("profanity", "Swearing", "Swear words, including disguised spellings.")
SLUR = _rule("slur", "Slurs", "Racist, homophobic, transphobic and disablist slurs.")
BLOCKED = _rule("blocked_word", "Council's blocked words", "Words on the council's own list.")
CLASSIFIED = _rule(
    "classifier",
    "Offensive tone",
    "Text that the alt-profanity-check model scores as very likely offensive, when no listed "
    "word explains it.",
    Severity.SIGN_OFF,
)
# The classifier's probability at and above which a post is flagged. Set on the evaluation set:
# lower and ordinary complaints ("useless", "rubbish") start needing sign-off.
CLASSIFIER_THRESHOLD = 0.9

_TOKEN = re.compile(r"[\w@$!|+*#€£]+")
# Tokens with a digit or symbol inside (or around) them: where disguises hide.
_SPACED = re.compile(r"(?<![\w@$*])(?:[\w@$*][ ._\-]{1,2}){2,}[\w@$*](?![\w@$*])")
_STRETCHED = re.compile(r"([a-z])\1\1+")
_EDGE = "!.|+*#,;:?\"'()[]{}<>/\\"


@dataclass(frozen=True, slots=True)
class _Lists:
    profanity: frozenset[str]
    slurs: frozenset[str]
    blocked: frozenset[str]
    phrases: re.Pattern[str] | None
    allowed: frozenset[str]
    listed: frozenset[str]  # every listed word that is not allowed

    def kind_of(self, word: str) -> str | None:
        if word in self.allowed:
            return None
        if word in self.slurs:
            return "slur"
        if word in self.blocked:
            return "blocked_word"
        if word in self.profanity:
            return "profanity"
        return None


@functools.lru_cache(maxsize=64)
def _lists(blocked: tuple[str, ...], allowed: tuple[str, ...]) -> _Lists:
    folded_blocked = [fold(w.strip())[0] for w in blocked if w.strip()]
    words = frozenset(w for w in folded_blocked if " " not in w)
    phrases = [w for w in folded_blocked if " " in w]
    pattern = None
    if phrases:
        alternatives = "|".join(r"[\s._-]+".join(map(re.escape, p.split())) for p in phrases)
        pattern = re.compile(rf"\b(?:{alternatives})\b")
    return _Lists(
        profanity=PROFANITY,
        slurs=SLURS,
        blocked=words,
        phrases=pattern,
        allowed=frozenset(fold(w.strip())[0] for w in allowed),
        listed=(PROFANITY | SLURS | words) - frozenset(fold(w.strip())[0] for w in allowed),
    )


def _decode(token: str, lists: _Lists) -> str | None:
    """The listed word a disguised token stands for, if any."""
    word = token.strip(_EDGE).replace("_", "")
    if word.isalpha():
        return word if lists.kind_of(word) else None
    decoded = word.translate(LEET)
    if decoded.isalpha() and lists.kind_of(decoded):
        return decoded
    if "*" in word or "#" in word:
        return _unmask(word, lists)
    return None


def _unmask(word: str, lists: _Lists) -> str | None:
    pattern = re.compile("".join("[a-z]" if c in "*#" else re.escape(c) for c in word) + "$")
    for listed in (*lists.slurs, *lists.profanity, *lists.blocked):
        if len(listed) == len(word) and pattern.match(listed):
            return listed
    return None


def _hits(post: Post, pack: RulePack) -> list[tuple[int, int, str]]:
    """Every listed word in the post, as (start, end, kind) over ``post.norm``; worked out once
    and shared by the three word-list rules."""
    cached = post.cache.get("offensive")
    if cached is not None:
        return cached  # type: ignore[return-value]
    lists = _lists(pack.blocked_words, pack.allowed_words)
    norm = post.norm
    # Most posts hold no listed word and no disguised one: a set intersection (in C) over the
    # plain words, and a look at the few tokens with digits or symbols in them, settle that.
    found: list[tuple[int, int, str]] = []
    if (
        lists.listed.isdisjoint(post.word_set)
        and not any(_decode(w, lists) for w in norm.split() if not w.isalpha())
        and _STRETCHED.search(norm) is None
        and (post.single_letters < 3 or _SPACED.search(norm) is None)
        and (lists.phrases is None or lists.phrases.search(norm) is None)
    ):
        post.cache["offensive"] = found
        return found
    for match in _TOKEN.finditer(norm):
        token = match.group()
        if "_" in token:  # "f_u_c_k"
            token = token.replace("_", "")
        word = _decode(token, lists)
        if word is None and _STRETCHED.search(token):
            word = _decode(_STRETCHED.sub(r"\1", token), lists)
        kind = lists.kind_of(word) if word else None
        if kind:
            found.append((match.start(), match.end(), kind))
    found.extend(_spaced_hits(norm, lists))
    if lists.phrases is not None:
        found.extend((m.start(), m.end(), "blocked_word") for m in lists.phrases.finditer(norm))
    post.cache["offensive"] = found
    return found


def _spaced_hits(norm: str, lists: _Lists) -> Iterator[tuple[int, int, str]]:
    for match in _SPACED.finditer(norm):
        joined = re.sub(r"[ ._\-]", "", match.group())
        word = _decode(joined, lists)
        kind = lists.kind_of(word) if word else None
        if kind:
            yield match.start(), match.end(), kind


def _finder(info: RuleInfo, message: str, suggestion: str) -> RuleCheck:
    kind_wanted = info.id.partition(".")[2]

    def find(post: Post, context: CheckContext) -> Iterator[Finding]:
        for start, end, kind in _hits(post, context.pack):
            if kind == kind_wanted:
                yield finding(info, post, start, end, message, suggestion=suggestion)

    return find


find_profanity = _finder(
    PROFANE, "This is a swear word.", "Reword it; the council never swears in public."
)
find_slurs = _finder(SLUR, "This is a slur.", "Remove it.")
find_blocked = _finder(
    BLOCKED, "This word is on the council's blocked-words list.", "Reword it without this word."
)


def find_by_classifier(post: Post, context: CheckContext) -> Iterator[Finding]:
    if _hits(post, context.pack):
        return  # a listed word already explains it
    if post.profanity_score is None:
        post.profanity_score = _score(post, context.pack)
    if post.profanity_score >= CLASSIFIER_THRESHOLD:
        yield finding(
            CLASSIFIED,
            post,
            0,
            0,
            "The wording reads as offensive or abusive.",
            suggestion="Read it again as a resident would, and tone it down.",
        )


def _score(post: Post, pack: RulePack) -> float:
    """The classifier's probability, or 0.0 when it certainly falls short of the threshold."""
    words = classifier.tokens(post.norm)
    if pack.allowed_words:
        allowed = _lists(pack.blocked_words, pack.allowed_words).allowed
        words = [w for w in words if w not in allowed]
    if not classifier.may_reach(words, CLASSIFIER_THRESHOLD):
        return 0.0
    return classifier.score_tokens(words)


def score_posts(posts: Sequence[Post]) -> None:
    """Score many posts with the classifier up front (the model is loaded once, here)."""
    if posts:
        classifier.warm_up()


RULES = (
    (PROFANE, find_profanity),
    (SLUR, find_slurs),
    (BLOCKED, find_blocked),
    (CLASSIFIED, find_by_classifier),
)
