"""Plain rules that spot what a message may need beyond an answer: a request for recorded
information (FOI), a complaint, and whether a display name looks like a real name (the FOI Act
needs the requester's real name; a handle alone is an ordinary enquiry)."""

from __future__ import annotations

import re

_FOI = re.compile(
    r"\b(freedom of information|foi request|\bfoi\b|under the foi|request for information|"
    r"please (?:send|provide|release)(?: me)? (?:copies|a copy|the figures|figures|the number|"
    r"details|all (?:records|information|emails|correspondence))|how much (?:money )?(?:did|has) "
    r"the council spen[dt])",
    re.IGNORECASE,
)
_COMPLAINT = re.compile(
    r"\b(make a (?:formal )?complaint|formal complaint|i (?:want|wish) to complain|"
    r"complaining about)\b",
    re.IGNORECASE,
)
_NAME_PART = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")


def asks_for_recorded_information(text: str) -> bool:
    return bool(_FOI.search(text))


def is_complaint(text: str) -> bool:
    return bool(_COMPLAINT.search(text))


def looks_like_real_name(name: str) -> bool:
    """At least a first name and a surname in letters (no digits, @ or emoji)."""
    parts = name.split()
    return len(parts) >= 2 and all(_NAME_PART.match(part) for part in parts)
