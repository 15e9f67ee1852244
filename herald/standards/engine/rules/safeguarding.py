"""Safeguarding children and vulnerable adults.

Guidelines (report ¶20 and ¶24: guidance for employees working with children and vulnerable
adults): never identify a child or vulnerable adult, publish a child's photo only with consent on
record, and pass anything that discloses a safeguarding concern to someone who can act on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.engine.normalise import any_of
from herald.standards.engine.post import Post, finding
from herald.standards.engine.wordlists import GIVEN_NAMES
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Guidelines for employees working with children and vulnerable adults: never identify a "
    "child or vulnerable adult, use a child's photo only with consent on record, and refer any "
    "safeguarding concern rather than answer it in public."
)


def _rule(
    key: str, title: str, description: str, severity: Severity = Severity.SIGN_OFF
) -> RuleInfo:
    return RuleInfo(
        id=f"safeguarding.{key}",
        category=Category.SAFEGUARDING,
        title=title,
        description=description,
        default_severity=severity,
        guideline=GUIDELINE,
    )


IDENTIFIABLE = _rule(
    "identifiable_person",
    "Identifiable child or vulnerable adult",
    "A name with an age, school, year group or care setting.",
)
PHOTO_CONSENT = _rule(
    "photo_consent",
    "Children's photos without consent",
    "An attached photo shows children and no consent is recorded.",
    Severity.BLOCK,
)
DISCLOSURE = _rule(
    "disclosure",
    "Safeguarding concern disclosed",
    "Wording that discloses abuse, neglect, self-harm or someone at risk.",
)

_NAME = r"([A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?)"
_NOT_NAMES = frozenset(
    [
        "Year",
        "Years",
        "Ages",
        "Age",
        "Under",
        "Over",
        "Class",
        "Room",
        "Group",
        "Page",
        "Step",
        "Stage",
        "Level",
        "Key",
        "Route",
        "Bus",
        "Platform",
        "Gate",
        "Junction",
        "Unit",
        "Flat",
        "No",
        "Table",
        "Area",
        "Ward",
        "Phase",
        "Section",
        "Item",
        "Question",
        "Days",
        "Weeks",
        "Reception",
        "Nursery",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Primary",
        "School",
        "Academy",
        "Pupils",
        "Children",
        "Students",
        "Kids",
        "Team",
        "Squad",
        "Top",
        "Best",
        "Winners",
        "Congratulations",
        "Well",
        "Thanks",
    ]
)
_WITH_AGE = re.compile(
    rf"\b{_NAME}\s*(?:,\s*|\(\s*)(?:aged?\s*)?(\d{{1,3}})(?:\s*\)|\s*,|\s+(?:years?|yrs?)[ -]old\b)"
    rf"|\b{_NAME},?\s+(?:who is|who's|aged)\s+(\d{{1,3}})\b"
)
_WITH_YEAR_GROUP = re.compile(
    rf"\b{_NAME}\s*(?:,|\(|\bin\b|\bfrom\b|\bof\b)?\s*(?:Year|Yr)\s?\d{{1,2}}\b"
)
_SETTING = (
    r"(?:[A-Z][\w'’-]*\s){1,4}(?:Primary|School|Academy|Nursery|Infants|Juniors|College|"
    r"Care Home|Nursing Home|Residential Home|Children's Home|Day Centre|Lodge|House)\b"
)
_WITH_SETTING = re.compile(
    rf"\b{_NAME},?\s+(?:a\s+)?(?:pupil|student|resident|child|who goes|who lives|who attends|"
    rf"from|at|of)\s+(?:at\s+|to\s+|in\s+)?(?:the\s+)?{_SETTING}"
)
_CARE_WORDS = re.compile(
    r"care home|nursing home|residential home|supported living|day centre", re.I
)
_TITLE_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Headteacher|Head|Teacher|Cllr)\.?\s*$")


def _is_name(name: str, text: str, start: int, *, strong: bool) -> bool:
    first = name.split(maxsplit=1)[0]
    if first in _NOT_NAMES or name.rsplit(maxsplit=1)[-1] in _NOT_NAMES:
        return False
    if _TITLE_BEFORE.search(text, max(0, start - 12), start):
        return False  # a titled adult: a teacher or an officer, not the child
    return strong or first in GIVEN_NAMES


_AGE_CUE = re.compile(r"[,(]\s*\d|\baged?\s|\bwho(?: is|'s) \d|\d\s*(?:years?|yrs?)[ -]old")
_SETTING_CUES = (
    "primary",
    "school",
    "academy",
    "nursery",
    "infants",
    "juniors",
    "college",
    "home",
    "centre",
    "lodge",
    "house",
)
_has_setting_cue = any_of(_SETTING_CUES)


def _identified(text: str, norm: str) -> Iterator[tuple[int, int]]:
    # Each pattern is run only where its cue is present: an age, "Year 4", a setting's name.
    if _AGE_CUE.search(norm):
        yield from _with_age(text)
    patterns = []
    if "year" in norm or "yr" in norm:
        patterns.append(_WITH_YEAR_GROUP)
    if _has_setting_cue(norm) is not None:
        patterns.append(_WITH_SETTING)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if _is_name(match.group(1), text, match.start(1), strong=False):
                yield match.start(), match.end()


def _with_age(text: str) -> Iterator[tuple[int, int]]:
    for match in _WITH_AGE.finditer(text):
        name, age = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        start = match.start(1) if match.group(1) else match.start(3)
        is_child = int(age) < 18
        if (is_child or _CARE_WORDS.search(text)) and _is_name(name, text, start, strong=True):
            yield match.start(), match.end()


_IDENTITY_CUES = (
    "year",
    "yr",
    "primary",
    "school",
    "academy",
    "nursery",
    "infants",
    "juniors",
    "college",
    "home",
    "centre",
    "lodge",
    "house",
    "pupil",
    "student",
    "resident",
)
_has_identity_cue = any_of(_IDENTITY_CUES)


def find_identifiable_people(post: Post, context: CheckContext) -> Iterator[Finding]:
    # An age needs a digit; a year group, school or care setting needs one of these words.
    if not post.digits and _has_identity_cue(post.norm) is None:
        return
    text = post.original_cased
    seen: set[int] = set()
    for start, end in _identified(text, post.norm):
        if start in seen:
            continue
        seen.add(start)
        yield finding(
            IDENTIFIABLE,
            post,
            start,
            end,
            "This could identify a child or vulnerable adult: a name with an age, school, "
            "year group or care setting.",
            suggestion="Use the first name only with consent, and leave out the age or setting.",
        )


def find_photos_without_consent(post: Post, context: CheckContext) -> Iterator[Finding]:
    for number, item in enumerate(context.media, start=1):
        if item.shows_children and not item.consent_recorded:
            yield finding(
                PHOTO_CONSENT,
                post,
                0,
                0,
                f"Media {number} shows children and no consent is recorded for it.",
                suggestion="Record the parent's or carer's consent, or use another photo.",
            )


_PERSON = (
    r"(?:he|she|they|my (?:step-?)?(?:dad|mum|mother|father|uncle|brother|sister|partner|boyfriend|"
    r"girlfriend|husband|wife|carer|teacher|coach|neighbour)|the carer)"
)
_HARMED = (
    r"(?:abused|hit|hurt|neglected|groomed|beaten|threatened|bullied|starved|locked in|"
    r"left alone|touched|assaulted|exploited|hitting|hurting|abusing|beating|touching)"
)
_DISCLOSURES = re.compile(
    "|".join(
        [
            rf"\b{_PERSON}\s+(?:keeps?\s+|has been\s+|have been\s+|is\s+|was\s+|always\s+)?"
            r"(?:hits?|hitting|hurts?|hurting|beats?|beating|touch(?:es|ed|ing)?|abus(?:es|ed|ing)"
            r"|threaten(?:s|ed|ing)?|kick(?:s|ed|ing)?|punch(?:es|ed|ing)?)\s+(?:me|us|my|him|her|them)\b",
            rf"\b(?:i|i'm|i am|we|we're|we are)\s+(?:being|been|was|were|have been|am)\s+{_HARMED}\b",
            rf"\b(?:my|our|his|her|their|the) (?:son|daughter|child|kids?|children|baby|grandson|"
            rf"granddaughter|nan|grandad|gran|mum|dad|neighbour's (?:kids?|child|children|son|"
            rf"daughter)|kids? next door|children next door) (?:is|are|was|were|has been|have been|"
            rf"keeps? being|gets?) (?:being )?{_HARMED}\b",
            r"\b(?:i'm|im|i am|we're|we are) (?:scared|afraid|frightened|terrified) (?:to go home|of "
            r"(?:my|him|her|them|going home))",
            r"\bi (?:want|wanna|am going|'m going) to (?:die|kill myself|end it|end my life)\b",
            r"\bi(?:'ve| have)? (?:been )?(?:self[- ]harming|cutting myself|hurting myself)\b",
            r"\bno food in the house\b|\bleft (?:home )?alone (?:all (?:day|night|weekend)|for days)\b",
        ]
    ),
    re.IGNORECASE,
)


# Every disclosure pattern contains one of these words; a set intersection with the post's
# words (in C) is far cheaper than running the whole pattern over every post.
_DISCLOSURE_CUES = frozenset(
    [
        "hit",
        "hits",
        "hitting",
        "hurt",
        "hurts",
        "hurting",
        "beat",
        "beats",
        "beating",
        "beaten",
        "touch",
        "touches",
        "touched",
        "touching",
        "abuse",
        "abuses",
        "abused",
        "abusing",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "threatened",
        "kick",
        "kicks",
        "kicked",
        "kicking",
        "punch",
        "punches",
        "punched",
        "punching",
        "neglected",
        "groomed",
        "bullied",
        "starved",
        "locked",
        "alone",
        "assaulted",
        "exploited",
        "scared",
        "afraid",
        "frightened",
        "terrified",
        "die",
        "kill",
        "harming",
        "cutting",
    ]
)
_DISCLOSURE_PHRASES = ("end it", "end my life", "no food")


def find_disclosures(post: Post, context: CheckContext) -> Iterator[Finding]:
    if _DISCLOSURE_CUES.isdisjoint(post.word_set) and not any(
        phrase in post.norm for phrase in _DISCLOSURE_PHRASES
    ):
        return
    for match in _DISCLOSURES.finditer(post.norm.replace("’", "'")):
        yield finding(
            DISCLOSURE,
            post,
            match.start(),
            match.end(),
            "This may disclose a safeguarding concern.",
            suggestion="Don't reply in public: refer it to the safeguarding team today, and "
            "reply privately with the right contact.",
        )


RULES = (
    (IDENTIFIABLE, find_identifiable_people),
    (PHOTO_CONSENT, find_photos_without_consent),
    (DISCLOSURE, find_disclosures),
)
