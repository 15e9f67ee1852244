"""Personal data: contact details, identity numbers, bank details and private people's names.

Guidelines (report ¶20, "legal implications"): a council post or reply must never make a resident's
personal information public; UK GDPR applies to the council as data controller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from herald.standards.engine.post import Post, finding
from herald.standards.engine.rules import identifiers
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Guidelines, legal implications: never make a resident's personal information public "
    "(UK GDPR); ask them to contact the council privately instead."
)
PRIVATE = "Remove it; if you need to talk to them, ask them to message the council privately."


def _rule(key: str, title: str, description: str, severity: Severity = Severity.BLOCK) -> RuleInfo:
    return RuleInfo(
        id=f"personal_data.{key}",
        category=Category.PERSONAL_DATA,
        title=title,
        description=description,
        default_severity=severity,
        guideline=GUIDELINE,
    )


PHONE = _rule("phone", "Phone numbers", "A UK phone number that is not one of the council's own.")
EMAIL = _rule("email", "Email addresses", "An email address that is not one of the council's own.")
ADDRESS = _rule(
    "address", "Postal addresses", "A UK postcode with a house number or street before it."
)
NI_NUMBER = _rule("ni_number", "National Insurance numbers", "A National Insurance number.")
NHS_NUMBER = _rule("nhs_number", "NHS numbers", "A ten-digit number with a valid NHS checksum.")
DATE_OF_BIRTH = _rule("date_of_birth", "Dates of birth", "A date given as someone's birthday.")
BANK = _rule("bank_details", "Bank details", "A sort code together with an account number.")
VEHICLE = _rule(
    "vehicle_registration",
    "Vehicle registrations",
    "A UK number plate, which identifies the keeper.",
    Severity.SIGN_OFF,
)
NAME = _rule(
    "private_name",
    "Private individuals' names",
    'A private person named in a way that identifies them ("Mr Smith of 12 …").',
    Severity.SIGN_OFF,
)

# Nine digits close together: the cheapest test that a phone number could be present.
_PHONE_SHAPED = re.compile(r"(?:\d[\s().+-]{0,3}){9}")
_POSSIBLE = phonenumbers.Leniency.POSSIBLE
# Mobiles (07) and geographic numbers (01, 02) belong to people; 03, 08 and 09 numbers and the
# 116 helplines belong to organisations and are fine to publish.
_PERSONAL_RANGE = re.compile(r"\+44(?:7[1-9]|1|2)")
# Written the way a person dials it: from 0, +44 or 0044 (not a bare run of reference digits).
_DIALLED = re.compile(r"\(?(?:0|\+\s*44|0044)")
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@([\w-]+(?:\.[\w-]+)+)")


def find_phones(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.digits < 9 or _PHONE_SHAPED.search(post.norm) is None:
        return
    own = context.pack.own_phone_numbers
    # POSSIBLE, not VALID: the reserved drama ranges (07700 900xxx) are "invalid" to the library
    # but are exactly what a realistic test, or a hoaxer, uses.
    matches = phonenumbers.PhoneNumberMatcher(post.norm, "GB", leniency=_POSSIBLE)
    for match in matches:
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if number in own or not _PERSONAL_RANGE.match(number):
            continue
        if not _DIALLED.match(match.raw_string) or identifiers.is_nhs_number(match.raw_string):
            continue
        yield finding(
            PHONE,
            post,
            match.start,
            match.end,
            "This looks like someone's phone number.",
            suggestion=PRIVATE,
        )


def find_emails(post: Post, context: CheckContext) -> Iterator[Finding]:
    if "@" not in post.norm:
        return
    own = context.pack.own_email_domains
    for match in _EMAIL.finditer(post.norm):
        domain = match.group(1).lower().rstrip(".")
        if domain in own or any(domain.endswith("." + d) for d in own):
            continue
        yield finding(
            EMAIL,
            post,
            match.start(),
            match.end(),
            "This looks like a personal email address.",
            suggestion="Remove it, or give the council's own contact address instead.",
        )


_STREET_WORDS = (
    r"road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent|place|pl|"
    r"gardens|grove|terrace|row|walk|mews|square|hill|park|rise|view|green|parade|cottages|"
    r"house|flat|apartment"
)
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b")
# A house number, or a street name, in the 60 characters before the postcode.
_ADDRESS_LEAD = re.compile(
    rf"(?:\b\d{{1,4}}[a-z]?,?\s+(?:[A-Za-z'-]+\s+){{0,3}}(?:{_STREET_WORDS})\b"
    rf"|\b(?:flat|apartment|no\.?)\s*\d{{1,4}}[a-z]?\b"
    rf"|\b\d{{1,4}}[a-z]?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,)",
    re.IGNORECASE,
)


def find_addresses(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.digits < 2:  # a postcode has two digits
        return
    text = post.original_cased
    own = context.pack.own_postcodes
    for match in _POSTCODE.finditer(text):
        if f"{match.group(1)} {match.group(2)}" in own:
            continue
        window_start = max(0, match.start() - 60)
        lead = _ADDRESS_LEAD.search(text, window_start, match.start())
        if lead is None:
            continue
        yield finding(
            ADDRESS,
            post,
            lead.start(),
            match.end(),
            "This looks like someone's home address.",
            suggestion=PRIVATE,
        )


def find_ni_numbers(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.digits < 6:
        return
    for start, end in identifiers.ni_numbers(post.original_cased):
        yield finding(
            NI_NUMBER,
            post,
            start,
            end,
            "This looks like a National Insurance number.",
            suggestion=PRIVATE,
        )


def find_nhs_numbers(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.digits < 10:
        return
    for start, end in identifiers.nhs_numbers(post.norm):
        yield finding(
            NHS_NUMBER, post, start, end, "This looks like an NHS number.", suggestion=PRIVATE
        )


def find_dates_of_birth(post: Post, context: CheckContext) -> Iterator[Finding]:
    if not post.digits:
        return
    for start, end in identifiers.dates_of_birth(post.norm):
        yield finding(
            DATE_OF_BIRTH,
            post,
            start,
            end,
            "This gives someone's date of birth.",
            suggestion=PRIVATE,
        )


def find_bank_details(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.digits < 14:  # a sort code and an account number
        return
    for start, end in identifiers.bank_details(post.norm):
        yield finding(
            BANK,
            post,
            start,
            end,
            "This looks like someone's bank sort code and account number.",
            suggestion="Remove it. The council never asks for bank details on social media.",
        )


def find_vehicle_registrations(post: Post, context: CheckContext) -> Iterator[Finding]:
    if not post.digits:
        return
    for start, end in identifiers.vehicle_registrations(post.original_cased, post.norm):
        yield finding(
            VEHICLE,
            post,
            start,
            end,
            "This looks like a vehicle registration, which can identify the vehicle's keeper.",
            suggestion="Remove the registration or blur it out.",
        )


def find_private_names(post: Post, context: CheckContext) -> Iterator[Finding]:
    if not identifiers.may_name_private_people(post.norm):
        return
    for start, end in identifiers.private_names(post.original_cased):
        yield finding(
            NAME,
            post,
            start,
            end,
            "This names a private individual in a way that identifies them.",
            suggestion='Leave the name out ("a resident") and deal with it privately.',
        )


RULES = (
    (PHONE, find_phones),
    (EMAIL, find_emails),
    (ADDRESS, find_addresses),
    (NI_NUMBER, find_ni_numbers),
    (NHS_NUMBER, find_nhs_numbers),
    (DATE_OF_BIRTH, find_dates_of_birth),
    (BANK, find_bank_details),
    (VEHICLE, find_vehicle_registrations),
    (NAME, find_private_names),
)
