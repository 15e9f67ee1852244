"""Abusive or offensive language: Herald's own word lists, with the variants people use to dodge them.

Each entry has a weight (how offensive the word is on its own: "numpty" is rude, a slur is never
acceptable) and the score of a text is ``1 - Π(1 - weight)`` over what it contains, so two mild
words are more than one, and nothing passes 1. The flag is the score at or past ``THRESHOLD``.

Dodges handled: letter repeats ("fuuuck"), digits and symbols for letters ("sh1t", "@rse"),
masked vowels ("f*ck", "tw@t"), letters spaced or dotted out ("c u n t", "f.u.c.k"), and
look-alike or invisible characters (folded before we get here, see ``text.normalise``).
"""

from __future__ import annotations

import functools
import math
import re

from herald.listening.enrichment.text import WORD_END, trie_pattern

VERSION = "offensive-lists-1"
THRESHOLD = 0.6

# Stems matched at the start of a word: "fuck" covers fucking, fucker, fuckwit.
_PREFIX_WORDS: dict[str, float] = {
    "fuck": 0.85, "fuk": 0.8, "fck": 0.8, "cunt": 0.95, "twat": 0.85, "wank": 0.85,
    "shit": 0.7, "bastard": 0.8, "bollock": 0.65, "arsehole": 0.8, "asshole": 0.8,
    "dickhead": 0.8, "knobhead": 0.8, "knobend": 0.8, "bellend": 0.8, "tosser": 0.8,
    "gobshite": 0.85, "scumbag": 0.75, "retard": 0.9, "spastic": 0.9, "spacker": 0.9,
    "piss": 0.45, "motherfuck": 0.9, "cocksucker": 0.9, "paedo": 0.85, "pedo": 0.85,
    "slut": 0.85, "whore": 0.9, "faggot": 0.95, "nigger": 1.0, "nigga": 0.95,
}  # fmt: skip
# Whole words only: "dick" but not "Dickens", "cock" but not "Cockermouth", "slag" but not
# "slagging off" (which is criticism, not abuse).
_EXACT_WORDS: dict[str, float] = {
    "shite": 0.7, "crap": 0.3, "crappy": 0.3, "bloody": 0.15, "bugger": 0.3, "sod": 0.2,
    "prick": 0.7, "pricks": 0.7, "dick": 0.55, "dicks": 0.55, "cock": 0.55, "knob": 0.5,
    "knobs": 0.5, "arse": 0.45, "arses": 0.45, "git": 0.4, "gits": 0.4, "pillock": 0.45,
    "pillocks": 0.45, "plonker": 0.4, "plonkers": 0.4, "numpty": 0.35, "numpties": 0.35,
    "muppet": 0.3, "muppets": 0.3, "idiot": 0.35, "idiots": 0.35, "moron": 0.6,
    "morons": 0.6, "imbecile": 0.5, "cretin": 0.6, "cretins": 0.6, "scum": 0.7, "scrote": 0.7,
    "scrotes": 0.7, "slag": 0.8, "slags": 0.8, "minger": 0.6, "munter": 0.6, "nonce": 0.9,
    "nonces": 0.9, "spaz": 0.9, "mong": 0.9, "mongs": 0.9, "pikey": 0.95, "pikeys": 0.95,
    "gyppo": 0.95, "gyppos": 0.95, "paki": 1.0, "pakis": 1.0, "poof": 0.85, "poofs": 0.85,
    "tranny": 0.9, "chav": 0.4, "chavs": 0.4, "feck": 0.5, "feckin": 0.5, "bint": 0.6,
    "skank": 0.7, "vermin": 0.6, "parasites": 0.5, "wazzock": 0.4, "berk": 0.3,
    "cnut": 0.9, "cnuts": 0.9, "jobsworth": 0.25, "jobsworths": 0.25, "wtf": 0.45, "stfu": 0.7, "fu": 0.6, "pos": 0.4,
}  # fmt: skip
# Abuse that needs more than one word to say.
_PHRASES: dict[str, float] = {
    "kill yourself": 1.0, "kys": 0.9, "hope you die": 1.0, "hope you all die": 1.0,
    "drop dead": 0.8, "go back to your own country": 1.0, "go back where you came from": 1.0,
    "piece of shit": 0.9, "waste of space": 0.5, "waste of oxygen": 0.7, "shut up": 0.3,
    "get stuffed": 0.4, "sod off": 0.5, "bog off": 0.4, "up yours": 0.6, "brain dead": 0.5,
    "should be shot": 0.9, "should be hanged": 0.9, "lined up and shot": 1.0,
}  # fmt: skip
# Real words and places that start with a stem above.
_INNOCENT = frozenset(
    {"shitake", "shiitake", "pissarro", "pedometer", "pedometers", "retardant", "retardants",
     "wankel", "fukushima"}
)  # fmt: skip

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})  # fmt: skip
# Letters spaced or dotted out: three or more single letters with one separator between each.
_SPACED = re.compile(r"(?<![a-z0-9*])[a-z*](?:[ .\-_][a-z*]){2,}(?![a-z0-9*])")
_SEPARATORS = re.compile(r"[ .\-_]")
_DOUBLES = re.compile(r"([a-z])\1+")
_WORD = re.compile(r"[a-z]+")
# A mask inside or after a word ("f*ck", "sh**"), not a hashtag or a bullet point.
_MASKED_WORD = re.compile(r"[a-z]+[*#]+[a-z*#]*")
# "!" and "|" stand for "i" only inside a word ("sh!t"), never at its end ("shit!").
_INNER_I = re.compile(r"(?<=[a-z])[!|](?=[a-z])")
_SUFFIXES = ("", "s", "in", "ing", "er", "ers", "ed", "head", "heads", "wit", "y")


def _squeezed(word: str) -> str:
    return _DOUBLES.sub(r"\1", word)


# Plain alternations of literals, with no leading assertion and no groups: the regex engine then
# skips straight to where a stem could begin (ten times faster on clean text than with a
# lookbehind); the word boundary before a match is checked on the (rare) matches instead.
# Each stem as written and with any one of its letters doubled ("fuuck", "shitt"): a trie makes
# the extra forms nearly free, where squeezing every text's double letters costs a pass.
_PREFIX_OF_VARIANT = {
    **{w[: i + 1] + w[i:]: w for w in _PREFIX_WORDS for i in range(len(w))},
    **{w: w for w in _PREFIX_WORDS},
}
_PREFIX_RE = re.compile(trie_pattern(_PREFIX_OF_VARIANT))
# Stems squeezed ("bollock" -> "bolock") for texts with a letter three or more times in a row
# ("fuuuck", "bolllocks"); only five letters or more, as shorter ones would catch real words
# ("piss" -> "pis": "pistol").
_PREFIX_OF_SQUEEZED = {
    _squeezed(w): w for w in _PREFIX_WORDS if len(_squeezed(w)) >= 5 or _squeezed(w) == w
}
_SQUEEZED_PREFIX_RE = re.compile(trie_pattern(_PREFIX_OF_SQUEEZED))
_LEET_CHARS = re.compile(r"[013457@$]")
_EXACT_OF = {
    **{_squeezed(w): w for w in _EXACT_WORDS if len(_squeezed(w)) >= 4},
    **{w: w for w in _EXACT_WORDS},
}
_TRIPLE = re.compile(r"([a-z])\1\1")
_PHRASE_RE = re.compile(trie_pattern([*p, WORD_END] for p in _PHRASES))
# What a masked word ("f***ing", "a*seholes") may stand for: every listed word with the endings
# people add.
_MASKABLE: dict[str, float] = {
    **{w + end: weight for w, weight in _PREFIX_WORDS.items() for end in _SUFFIXES},
    **{w: weight for w, weight in _EXACT_WORDS.items() if len(w) > 3},
}
_MASK_RUN = re.compile(r"[*#]+")


def offensive_score(norm: str) -> tuple[bool, float]:
    """The flag and the score for a text already passed through ``text.normalise``."""
    text = norm.translate(_LEET) if _LEET_CHARS.search(norm) else norm
    if "!" in text or "|" in text:
        text = _INNER_I.sub("i", text)
    if _SPACED.search(text) is not None:
        text = _SPACED.sub(lambda m: _SEPARATORS.sub("", m.group()), text)
    # Each listed term counts once however often it appears, so the score measures how
    # offensive the language is, not how long the rant.
    found: dict[str, float] = {}
    for phrase in _whole(_PHRASE_RE, text, prefix=False):
        found[phrase] = _PHRASES[" ".join(phrase.split())]
    for variant in _whole(_PREFIX_RE, text):
        stem = _PREFIX_OF_VARIANT[variant]
        found[stem] = _PREFIX_WORDS[stem]
    words = set(_WORD.findall(text))
    if _TRIPLE.search(text) is not None:
        squeezed = _DOUBLES.sub(r"\1", text)
        for stem in _whole(_SQUEEZED_PREFIX_RE, squeezed):
            found[_PREFIX_OF_SQUEEZED[stem]] = _PREFIX_WORDS[_PREFIX_OF_SQUEEZED[stem]]
        words.update(_WORD.findall(squeezed))
    for word in words & _EXACT_OF.keys():
        found[_EXACT_OF[word]] = _EXACT_WORDS[_EXACT_OF[word]]
    if "*" in text or "#" in text:
        for word in _MASKED_WORD.findall(text):
            weight = _masked_weight(word)
            if weight:
                found[word] = weight
    if not found:
        return False, 0.0
    score = round(min(1.0 - math.prod(1.0 - w for w in found.values()), 1.0), 3)
    return score >= THRESHOLD, score


def _whole(pattern: re.Pattern[str], text: str, *, prefix: bool = True) -> list[str]:
    """The matches that start a word (and, for phrases, end one), leaving out innocent words."""
    out = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if start and text[start - 1].isalpha():
            continue
        if not prefix and end < len(text) and text[end].isalpha():
            continue
        if prefix and _innocent(text, start):
            continue
        out.append(match.group())
    return out


def _innocent(text: str, start: int) -> bool:
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end] in _INNOCENT


@functools.lru_cache(maxsize=4096)
def _masked_weight(word: str) -> float:
    # Each run of symbols stands for one to three letters: "f***ing" is f, 1-3 letters, ing.
    parts = _MASK_RUN.split(word)
    pattern = re.compile("[a-z]{1,3}".join(re.escape(p) for p in parts))
    return max((w for form, w in _MASKABLE.items() if pattern.fullmatch(form)), default=0.0)
