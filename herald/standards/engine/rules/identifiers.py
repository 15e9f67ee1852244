"""Finders for UK identifiers: each returns the (start, end) spans of what it finds.

Kept apart from the rules so the checksum and format knowledge is tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.engine.normalise import any_of

# --- National Insurance numbers -------------------------------------------------------------
# HMRC never issues D, F, I, Q, U or V as either prefix letter, nor O as the second; these pairs
# are not allocated either.
_NI_FIRST = "A-CEGHJ-PR-TW-Z"
_NI_SECOND = "A-CEGHJ-NPR-TW-Z"
_NI_UNUSED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NI = re.compile(
    rf"\b([{_NI_FIRST}][{_NI_SECOND}]) ?(\d{{2}}) ?(\d{{2}}) ?(\d{{2}})(?: ?([A-D])\b|\b)",
)
_NI_CONTEXT = re.compile(r"\b(?:n\.?i\.?(?: no\.?| number)?|national insurance|nino)\b", re.I)


def ni_numbers(text: str) -> Iterator[tuple[int, int]]:
    """National Insurance numbers: a valid prefix and six digits, with the suffix letter, or
    without it when "NI number" (or similar) comes just before."""
    for match in _NI.finditer(text):
        if match.group(1) in _NI_UNUSED_PREFIXES:
            continue
        if match.group(5) is None:
            before = text[max(0, match.start() - 40) : match.start()]
            if _NI_CONTEXT.search(before) is None:
                continue
        yield match.start(), match.end()


# --- NHS numbers ----------------------------------------------------------------------------
_TEN_DIGITS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def is_nhs_number(raw: str) -> bool:
    digits = "".join(c for c in raw if c.isdigit())
    return not digits.startswith("0") and nhs_checksum_ok(digits)


_NHS_CONTEXT = re.compile(r"\bnhs (?:number|no\b)\.?\W{0,5}(?:is\W{0,3})?$")


def nhs_numbers(norm: str) -> Iterator[tuple[int, int]]:
    """Ten digits (spaced 3-3-4 or not) that pass the checksum, or any ten digits right after
    "NHS number" (someone's mistyped number is still theirs). A number starting 0 is a phone
    number unless the text mentions the NHS."""
    for match in _TEN_DIGITS.finditer(norm):
        digits = "".join(match.groups())
        if digits.startswith("0") and "nhs" not in norm:
            continue
        labelled = _NHS_CONTEXT.search(norm, max(0, match.start() - 20), match.start())
        if labelled or nhs_checksum_ok(digits):
            yield match.start(), match.end()


# --- Dates of birth -------------------------------------------------------------------------
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?|birthday(?: is)?)"
    rf"\s*(?:is|was|:|-)?\s*{_DATE}",
)


def dates_of_birth(norm: str) -> Iterator[tuple[int, int]]:
    if "b" not in norm:
        return
    for match in _DOB.finditer(norm):
        yield match.start(), match.end()


# --- Bank details ---------------------------------------------------------------------------
_SORT_CODE = re.compile(
    r"(?<![\d/.-])\d{2}([- ])\d{2}\1\d{2}(?![\d/.-])|(?<=sort code)\W{0,5}\d{6}"
)
_ACCOUNT = re.compile(r"(?<![\d-])\d{8}(?!\d)")


def bank_details(norm: str) -> Iterator[tuple[int, int]]:
    """A sort code with an eight-digit account number within 40 characters either side."""
    for sort_code in _SORT_CODE.finditer(norm):
        lo = max(0, sort_code.start() - 40)
        hi = sort_code.end() + 40
        for account in _ACCOUNT.finditer(norm, lo, hi):
            if account.start() >= sort_code.end() or account.end() <= sort_code.start():
                yield min(sort_code.start(), account.start()), max(sort_code.end(), account.end())
                break


# --- Vehicle registrations ------------------------------------------------------------------
# Current format (2001 on): two letters, the age identifier, three letters ("AB12 CDE").
_CURRENT_PLATE = re.compile(r"\b[A-HJ-PR-Y][A-HJ-PR-Y](\d{2}) ?[A-HJ-PR-Z]{3}\b")
# Older prefix format ("A123 BCD"): too like other codes, so only with a vehicle word nearby.
_PREFIX_PLATE = re.compile(r"\b[A-HJ-NPR-Y]\d{1,3} ?[A-HJ-PR-Y]{3}\b")
_VEHICLE_CONTEXT = re.compile(
    r"\b(?:car|van|vehicle|reg|registration|number plate|plate|parked|driver|lorry|motorbike)\b"
)


def _plausible_age_identifier(digits: str) -> bool:
    value = int(digits)
    return 2 <= value <= 30 or 51 <= value <= 80


def vehicle_registrations(text: str, norm: str) -> Iterator[tuple[int, int]]:
    for match in _CURRENT_PLATE.finditer(text):
        if _plausible_age_identifier(match.group(1)):
            yield match.start(), match.end()
    if _VEHICLE_CONTEXT.search(norm):
        for match in _PREFIX_PLATE.finditer(text):
            yield match.start(), match.end()


# --- Private individuals' names -------------------------------------------------------------
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
_STREET = (
    r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Gardens|Grove|Terrace|"
    r"Court|Place|Mews|Row|Walk|Square)"
)
_WHERE = (
    rf"(?:of|at|from|on|who lives (?:at|on|in)|living (?:at|on|in))\s+"
    rf"(?:(?:no\.?\s*|number\s+)?\d{{1,4}}[a-z]?\b|(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b)"
)
_TITLED_WITH_ADDRESS = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+{_NAME}(?=,?\s+{_WHERE})")
_RELATION = (
    r"neighbour|neighbor|next[- ]door neighbour|landlord|landlady|tenant|lodger|ex|ex-wife|"
    r"ex-husband|ex-partner|carer|son|daughter|husband|wife|partner|brother|sister|mum|dad|"
    r"mother|father|nan|grandson|granddaughter|niece|nephew|flatmate|colleague"
)
_RELATION_NAMED = re.compile(rf"\b[Mm]y\s+(?:{_RELATION}),?\s+({_NAME})")
_ROLE_NAMED = re.compile(
    r"\b(?i:resident|tenant|service user|claimant|patient|complainant)\s+"
    rf"((?:Mr|Mrs|Ms|Miss|Mx)\.?\s+{_NAME})"
)


_NAME_CUES = (
    "mr",
    "ms",
    "miss",
    "mx",
    "my ",
    "resident",
    "tenant",
    "service user",
    "claimant",
    "patient",
    "complainant",
)
_has_name_cue = any_of(_NAME_CUES)


def may_name_private_people(norm: str) -> bool:
    """A cheap first look: every pattern below needs a title, "my" or a role word."""
    return _has_name_cue(norm) is not None


def private_names(text: str) -> Iterator[tuple[int, int]]:
    """Names the wording shows belong to private people: a title with a home address, "my
    neighbour John", "tenant Mrs Patel"."""
    for match in _TITLED_WITH_ADDRESS.finditer(text):
        yield match.start(), match.end()
    for pattern in (_RELATION_NAMED, _ROLE_NAMED):
        for match in pattern.finditer(text):
            yield match.start(1), match.end(1)
