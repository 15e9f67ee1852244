"""Legal risk (advice): allegations about named people, and media without a source and licence.

Guidelines (report ¶20, legal implications): defamation and copyright apply to the council's posts
as to any publisher; an allegation about a named person, or someone else's photo, needs care.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.engine.normalise import any_of
from herald.standards.engine.post import Post, finding
from herald.standards.engine.wordlists import GIVEN_NAMES
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Guidelines, legal implications: the council is a publisher; allegations about named "
    "people risk defamation, and media needs a known source and licence (copyright)."
)
ALLEGATION = RuleInfo(
    id="legal.allegation",
    category=Category.LEGAL,
    title="Allegations about named people",
    description='A named person in the same sentence as "guilty", "fraud", "liar" and the like.',
    default_severity=Severity.ADVICE,
    guideline=GUIDELINE,
)
MEDIA_RIGHTS = RuleInfo(
    id="legal.media_rights",
    category=Category.LEGAL,
    title="Media source and licence",
    description="An image or video with no recorded source or licence.",
    default_severity=Severity.ADVICE,
    guideline=GUIDELINE,
)

_ALLEGATION_WORDS = re.compile(
    r"\b(?:guilty|fraud|fraudster|fraudulent|liar|lying|lied|corrupt|corruption|thief|thieves|"
    r"stole|stolen|stealing|steals|criminal|crook|crooked|bribe[sd]?|bribery|embezzl\w*|"
    r"cheat(?:ed|ing|s)?|scammer|swindl\w*|racist|paedo\w*|pedo\w*|abuser|rapist|convicted|"
    r"charged with|arrested|backhanders?|on the take|dodgy|incompetent)\b",
    re.IGNORECASE,
)
_TITLED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady)\.?\s+[A-Z][\w'’-]+"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?")
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
_SENTENCE = re.compile(r"[^.!?\n]+")


def _named_people(sentence: str) -> list[re.Match[str]]:
    named = list(_TITLED.finditer(sentence)) + list(_HANDLE.finditer(sentence))
    named += [m for m in _CAPITALISED.finditer(sentence) if m.group().split()[0] in GIVEN_NAMES]
    return named


_CUE_WORDS = frozenset(
    [
        "guilty",
        "fraud",
        "fraudster",
        "fraudulent",
        "liar",
        "lying",
        "lied",
        "corrupt",
        "corruption",
        "thief",
        "thieves",
        "stole",
        "stolen",
        "stealing",
        "steals",
        "criminal",
        "crook",
        "crooked",
        "bribe",
        "bribes",
        "bribed",
        "bribery",
        "cheat",
        "cheated",
        "cheating",
        "cheats",
        "scammer",
        "racist",
        "abuser",
        "rapist",
        "convicted",
        "charged",
        "arrested",
        "backhander",
        "backhanders",
        "dodgy",
        "incompetent",
        "take",
    ]
)
_CUE_STEMS = ("embezzl", "swindl", "paedo", "pedo")
_has_cue_stem = any_of(_CUE_STEMS)


def _may_allege(post: Post) -> bool:
    """A cheap first look: one of the allegation words, by set intersection."""
    return not _CUE_WORDS.isdisjoint(post.word_set) or _has_cue_stem(post.norm) is not None


def find_allegations(post: Post, context: CheckContext) -> Iterator[Finding]:
    if not _may_allege(post) or _ALLEGATION_WORDS.search(post.text) is None:
        return
    for sentence in _SENTENCE.finditer(post.text):
        words = list(_ALLEGATION_WORDS.finditer(sentence.group()))
        people = _named_people(sentence.group()) if words else []
        if not people:
            continue
        start = sentence.start() + min(m.start() for m in (*people, *words))
        end = sentence.start() + max(m.end() for m in (*people, *words))
        yield finding(
            ALLEGATION,
            post,
            start,
            end,
            "This seems to make an allegation about a named person.",
            suggestion="Stick to facts on public record (a court's verdict), or leave the name out.",
        )


def find_media_without_rights(post: Post, context: CheckContext) -> Iterator[Finding]:
    for number, item in enumerate(context.media, start=1):
        missing = [
            label
            for label, value in (("source", item.source), ("licence", item.licence))
            if not value.strip()
        ]
        if missing:
            yield finding(
                MEDIA_RIGHTS,
                post,
                0,
                0,
                f"Media {number} has no recorded {' or '.join(missing)}.",
                suggestion="Record who made it and the licence the council uses it under.",
            )


RULES = ((ALLEGATION, find_allegations), (MEDIA_RIGHTS, find_media_without_rights))
