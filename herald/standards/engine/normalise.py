"""Fold a text into the form the rules match against, keeping a map back to the original.

People dodge word lists with look-alike letters (Cyrillic "а" for Latin "a"), full-width or
"mathematical" letters, zero-width spaces and right-to-left overrides. The rules match the folded,
lower-cased text; every span they find is mapped back through ``Post.span`` so that a highlight
lands on the characters the person actually typed.

Most posts are plain ASCII with perhaps an emoji, a pound sign or curly quotes. For those the fold is
only ``str.lower()`` (one character to one character), so the map is the identity and costs nothing;
the per-character fold runs only when a suspicious character is present.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters that never change the meaning of a post but are used to split or disguise words.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)
# Look-alikes that NFKC leaves alone: Cyrillic and Greek letters shaped like Latin ones.
_HOMOGLYPHS = {
    **dict(zip("аеорсухіјѕԁһӏвкмнт", "aeopcyxijsdhlbkmht", strict=True)),
    **dict(zip("АВЕКМНОРСТУХІЈЅ", "abekmhopctyxijs", strict=True)),
    **dict(zip("οαενιυκρτχβμηζ", "oaevivkptxbmnz", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx", strict=True)),
    "ı": "i",
    "ſ": "s",
}
# Anything outside these ranges sends a text down the careful path: printable ASCII, Latin-1
# signs (£, ©, ½, ×, ÷), general punctuation (curly quotes, dashes, ellipsis), currency, arrows
# and emoji. Accented letters are not here: "fück" must fold to "fuck", and "İ" lower-cases to
# two characters.
_SAFE_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0xBF),
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20CF),
    (0x2190, 0x2BFF),
    (0x1F000, 0x1FAFF),
)


def _safe_char_class() -> str:
    parts = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _SAFE_RANGES)
    return f"[^\\t\\n\\r{parts}\\ufe0f]"


SUSPICIOUS_PATTERN = _safe_char_class()


def fold_char(char: str) -> str:
    """What one character becomes for matching: "" for invisible ones, a space for controls, a
    plain lower-case letter for look-alikes and accented letters."""
    code = ord(char)
    if code < 0x80:
        return char.lower() if code >= 0x20 or char in "\t\n\r" else " "
    if char in _INVISIBLE:
        return ""
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate: not text at all
        return "\ufffd"
    return _HOMOGLYPHS.get(char) or _fold_other(char)


def _fold_other(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc":
        return " "
    if category in {"Mn", "Me", "Cf"}:
        return ""
    folded = unicodedata.normalize("NFKD", char)
    return "".join(
        _HOMOGLYPHS.get(c, c) for c in folded if unicodedata.category(c) not in {"Mn", "Me"}
    ).lower()


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character it
    came from (plus one final entry: ``len(text)``, so an end offset maps too)."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        piece = fold_char(char)
        for folded_char in piece:
            out.append(folded_char)
            index.append(position)
    index.append(len(text))
    return "".join(out), index


def any_of(cues: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """A search for any of ``cues`` as a substring: one compiled alternation runs in C, where
    ``any(cue in text for cue in cues)`` pays a Python step per cue on every post."""
    return re.compile("|".join(re.escape(cue) for cue in cues)).search
