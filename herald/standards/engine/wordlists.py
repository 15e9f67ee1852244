"""Herald's own word lists: profanity and slurs a council account must never publish.

Whole words only, so "Scunthorpe", "Essex", "Penistone", "cocktail", "Dickens", "Shitake" and
"assessment" never match. Words that are also ordinary English or names ("cock" the bird, "Dick",
"ass" the animal, "fag" the cigarette, "dyke" the earthwork, "prick" a finger) are left out: the
classifier and the council's own blocked-words list cover them in context.
"""

from __future__ import annotations

# Stems, each with the endings it takes.
_PROFANE_STEMS: dict[str, tuple[str, ...]] = {
    "fuck": (
        "",
        "s",
        "ed",
        "er",
        "ers",
        "in",
        "ing",
        "wit",
        "wits",
        "head",
        "heads",
        "face",
        "off",
    ),
    "motherfuck": ("er", "ers", "ing"),
    "shit": ("", "s", "e", "ty", "ter", "head", "heads", "hole", "bag", "ting", "storm"),
    "bullshit": ("", "ting", "ter"),
    "cunt": ("", "s", "y"),
    "wank": ("", "s", "er", "ers", "ing", "ed", "stain"),
    "twat": ("", "s"),
    "bastard": ("", "s"),
    "bollock": ("s", "ing"),
    "arse": ("", "hole", "holes", "d"),
    "asshole": ("", "s"),
    "piss": ("", "ed", "er", "ing", "take"),
    "tosser": ("", "s"),
    "bellend": ("", "s"),
    "dickhead": ("", "s"),
    "knobhead": ("", "s"),
    "cocksucker": ("", "s"),
    "slut": ("", "s"),
    "whore": ("", "s"),
    "crap": ("", "py"),
    "minge": ("",),
    "bugger": ("", "s", "ed"),
    "nonce": ("", "s"),
    "skank": ("", "s", "y"),
    "jackass": ("",),
    "dipshit": ("", "s"),
}
_SLUR_STEMS: dict[str, tuple[str, ...]] = {
    "nigger": ("", "s"),
    "nigga": ("", "s", "z"),
    "paki": ("", "s"),
    "chink": ("s",),
    "spastic": ("", "s"),
    "spaz": ("", "zy"),
    "retard": ("", "s", "ed"),
    "faggot": ("", "s"),
    "tranny": ("",),
    "trannies": ("",),
    "kike": ("", "s"),
    "gyppo": ("", "s"),
    "pikey": ("", "s"),
    "wog": ("", "s"),
    "coon": ("", "s"),
    "mong": ("", "s"),
    "poof": ("", "s", "ter"),
    "wetback": ("", "s"),
    "gook": ("", "s"),
    "towelhead": ("", "s"),
    "raghead": ("", "s"),
    "golliwog": ("", "s"),
}


def _expand(stems: dict[str, tuple[str, ...]]) -> frozenset[str]:
    return frozenset(stem + ending for stem, endings in stems.items() for ending in endings)


PROFANITY = _expand(_PROFANE_STEMS)
SLURS = _expand(_SLUR_STEMS)

# How people write letters with digits and symbols ("sh1t", "@rse", "c*nt" is handled apart).
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "+": "t",
        "€": "e",
        "£": "l",
    }
)
