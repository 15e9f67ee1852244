"""Abusive or offensive language: Herald's own word lists, with the variants people use to dodge them.

Each entry has a weight (how offensive the word is on its own: "numpty" is rude, a slur is never
acceptable) and the score of a text is ``1 - Π(1 - weight)`` over what it contains, so two mild
words are more than one, and nothing passes 1. The flag is the score at or past ``THRESHOLD``.

Dodges handled: letter repeats ("fuuuck"), digits and symbols for letters ("sh1t", "@rse"),
masked vowels ("f*ck", "tw@t"), letters spaced or dotted out ("c u n t", "f.u.c.k"), and
look-alike or invisible characters (folded before we get here, see ``text.normalise``).
"""

from __future__ import annotations

import math
import re

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
_INNOCENT = frozenset({"shitake", "shiitake", "cocktail", "cockburn", "scunthorpe", "pissarro"})

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})  # fmt: skip
# Letters spaced or dotted out: three or more single letters with one separator between each.
_SPACED = re.compile(r"(?<![a-z0-9*])[a-z*](?:[ .\-_][a-z*]){2,}(?![a-z0-9*])")
_SEPARATORS = re.compile(r"[ .\-_]")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_WORD = re.compile(r"[a-z*#]+")
# "!" and "|" stand for "i" only inside a word ("sh!t"), never at its end ("shit!").
_INNER_I = re.compile(r"(?<=[a-z])[!|](?=[a-z])")
_SUFFIXES = ("", "s", "in", "ing", "er", "ers", "ed", "head", "heads", "wit", "y")


def _squeezed(word: str) -> str:
    # A letter three or more times becomes two ("fuuuck" -> "fuuck") and is then tried once as
    # written and once with doubles squeezed, so "bollocks" and "fuuuck" both match.
    return re.sub(r"([a-z])\1", r"\1", word)


_PREFIX_RE = re.compile("|".join(sorted(_PREFIX_WORDS, key=len, reverse=True)))
# What a masked word ("f***ing", "a*seholes") may stand for: every listed word with the endings
# people add. Masked words are rare, so trying each form in turn costs little overall.
_MASKABLE: dict[str, float] = {
    **{w + end: weight for w, weight in _PREFIX_WORDS.items() for end in _SUFFIXES},
    **{w: weight for w, weight in _EXACT_WORDS.items() if len(w) > 3},
}
_MASK_RUN = re.compile(r"[*#]+")
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")\b")


def offensive_score(norm: str) -> tuple[bool, float]:
    """The flag and the score for a text already passed through ``text.normalise``."""
    text = _INNER_I.sub("i", norm).translate(_LEET)
    if _SPACED.search(text) is not None:
        text = _SPACED.sub(lambda m: _SEPARATORS.sub("", m.group()), text)
    text = _REPEATS.sub(r"\1\1", text)
    weights = [_PHRASES[m] for m in _PHRASE_RE.findall(text)]
    for word in _WORD.findall(text):
        weight = _word_weight(word) or _word_weight(_squeezed(word))
        if weight:
            weights.append(weight)
    if not weights:
        return False, 0.0
    score = 1.0 - math.prod(1.0 - w for w in weights)
    score = round(min(score, 1.0), 3)
    return score >= THRESHOLD, score


def _word_weight(word: str) -> float:
    weight = _EXACT_WORDS.get(word)
    if weight is not None:
        return weight
    if word in _INNOCENT:
        return 0.0
    found = _PREFIX_RE.match(word)
    if found is not None:
        return _PREFIX_WORDS[found.group()]
    if "*" in word or "#" in word:
        return _masked_weight(word)
    return 0.0


def _masked_weight(word: str) -> float:
    if not word.strip("*#"):
        return 0.0
    # Each run of symbols stands for one to three letters: "f***ing" is f, 1-3 letters, ing.
    parts = _MASK_RUN.split(word)
    pattern = re.compile("[a-z]{1,3}".join(re.escape(p) for p in parts))
    return max((w for form, w in _MASKABLE.items() if pattern.fullmatch(form)), default=0.0)
