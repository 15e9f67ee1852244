"""Pre-election period and political content.

During a pre-election period (from the notice of election to polling day) a council must not
publish anything that could be seen as supporting a party or candidate: the Code of Recommended
Practice on Local Authority Publicity, which the Guidelines' legal implications section follows.
Outside a period, party-political content is still unusual for a council account: advice.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator

from herald.standards.engine.normalise import any_of, fold
from herald.standards.engine.post import Post, finding
from herald.standards.types import (
    Category,
    CheckContext,
    ElectionPeriod,
    Finding,
    RuleInfo,
    RulePack,
    Severity,
)

GUIDELINE = (
    "Guidelines, legal implications: council publicity must be politically impartial, and during "
    "a pre-election period nothing may name or promote councillors, candidates or parties "
    "without the named officer's sign-off."
)


def _rule(
    key: str, title: str, description: str, severity: Severity = Severity.SIGN_OFF
) -> RuleInfo:
    return RuleInfo(
        id=f"political.{key}",
        category=Category.POLITICAL,
        title=title,
        description=description,
        default_severity=severity,
        guideline=GUIDELINE,
    )


PARTY = _rule(
    "party", "Parties (pre-election)", "Names a political party during a pre-election period."
)
COUNCILLOR = _rule(
    "councillor", "Councillors (pre-election)", "Names a councillor during a pre-election period."
)
CANDIDATE = _rule(
    "candidate", "Candidates (pre-election)", "Names a candidate during a pre-election period."
)
RESHARE = _rule(
    "reshare", "Reshared political content", "Reshares or quotes a politician during a period."
)
CAMPAIGN = _rule(
    "unplanned_campaign",
    "Campaigns not planned before the period",
    "Belongs to a campaign planned after the pre-election period began.",
)
PARTY_CONTENT = _rule(
    "party_content",
    "Party-political content",
    "Names a political party outside a pre-election period.",
    Severity.ADVICE,
)

MAIN_UK_PARTIES = re.compile(
    r"\b(?:Conservatives|Conservative(?= (?:Party|party|councillors?|candidates?|group|government|"
    r"MPs?|leader|members?|manifesto|Association))|Tory|Tories|Labour(?! (?:market|force|costs?|"
    r"shortages?|supply|ward|intensive))|Labour Party|Liberal Democrats?|Lib ?Dems?|Green Party|"
    r"Greens|Reform UK|Reform Party|SNP|Scottish National Party|Plaid Cymru|UKIP|DUP|"
    r"Sinn F[eé]in|SDLP|UUP|Alliance Party|Workers Party)\b"
)
_COUNCILLOR_TITLE = re.compile(r"\b(?:Cllr\.?|Councillor)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
_RESHARE_LEAD = re.compile(r"^\s*(?:RT|QT|MT)\s+(@\w+)|\b(?:via|h/t|quoting)\s+(@\w+)", re.I)


def active_period(context: CheckContext) -> ElectionPeriod | None:
    if not context.pack.election_periods:
        return None
    day = context.on or datetime.date.today()
    for period in context.pack.election_periods:
        if period.is_active_on(day):
            return period
    return None


@functools.lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = [fold(n.strip())[0] for n in names if n.strip()]
    if not folded:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in folded)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _party_pattern(pack: RulePack) -> re.Pattern[str] | None:
    if pack.parties is None:
        return MAIN_UK_PARTIES
    return _names_pattern(pack.parties)


# Every party the built-in pattern knows starts with one of these (case as written).
_PARTY_CUES = (
    "Conservative",
    "Tor",
    "Labour",
    "Lib",
    "Green",
    "Reform",
    "SNP",
    "Scottish",
    "Plaid",
    "UKIP",
    "DUP",
    "Sinn",
    "SDLP",
    "UUP",
    "Alliance",
    "Workers",
)
_has_party_cue = any_of(_PARTY_CUES)


def _party_matches(post: Post, pack: RulePack) -> list[re.Match[str]]:
    pattern = _party_pattern(pack)
    if pattern is None:
        return []
    if pack.parties is None and _has_party_cue(post.text) is None:
        return []
    # The built-in list is matched case-sensitively ("Labour", not "labour market").
    return list(pattern.finditer(post.text if pack.parties is None else post.norm))


def find_parties(post: Post, context: CheckContext) -> Iterator[Finding]:
    period = active_period(context)
    if period is None:
        return
    for match in _party_matches(post, context.pack):
        yield finding(
            PARTY,
            post,
            match.start(),
            match.end(),
            f"This names a political party during the {period.name} pre-election period.",
            suggestion="Leave parties out until polling day, or get the named officer's sign-off.",
        )


def find_party_content(post: Post, context: CheckContext) -> Iterator[Finding]:
    if active_period(context) is not None:
        return
    for match in _party_matches(post, context.pack):
        yield finding(
            PARTY_CONTENT,
            post,
            match.start(),
            match.end(),
            "Council accounts stay politically impartial; this names a political party.",
            suggestion="Check the post is about council business, not party politics.",
        )


def find_councillors(post: Post, context: CheckContext) -> Iterator[Finding]:
    period = active_period(context)
    if period is None:
        return
    spans = [(m.start(), m.end()) for m in _COUNCILLOR_TITLE.finditer(post.text)]
    listed = _names_pattern(context.pack.councillors)
    if listed is not None:
        spans += [(m.start(), m.end()) for m in listed.finditer(post.norm)]
    handles = _handles(context.pack)
    if handles:
        spans += [
            (m.start(), m.end()) for m in re.finditer(r"@\w+", post.norm) if m.group() in handles
        ]
    for start, end in _distinct(spans):
        yield finding(
            COUNCILLOR,
            post,
            start,
            end,
            f"This names a councillor during the {period.name} pre-election period.",
            suggestion="Attribute the news to the council, or get the named officer's sign-off.",
        )


def _distinct(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def find_candidates(post: Post, context: CheckContext) -> Iterator[Finding]:
    period = active_period(context)
    listed = _names_pattern(context.pack.candidates) if period else None
    if period is None or listed is None:
        return
    for match in listed.finditer(post.norm):
        yield finding(
            CANDIDATE,
            post,
            match.start(),
            match.end(),
            f"This names a candidate in the {period.name} election.",
            suggestion="Leave candidates out until polling day.",
        )


@functools.lru_cache(maxsize=64)
def _normalised_handles(handles: tuple[str, ...]) -> frozenset[str]:
    return frozenset("@" + h.strip().lstrip("@").lower() for h in handles if h.strip())


def _handles(pack: RulePack) -> frozenset[str]:
    return _normalised_handles(pack.politician_handles)


def find_reshares(post: Post, context: CheckContext) -> Iterator[Finding]:
    period = active_period(context)
    if period is None:
        return
    handles = _handles(context.pack)
    if context.reshare_of and "@" + context.reshare_of.strip().lstrip("@").lower() in handles:
        yield finding(
            RESHARE,
            post,
            0,
            0,
            f"This reshares {context.reshare_of}, a politician, during the {period.name} period.",
            suggestion="Don't reshare politicians' content until polling day.",
        )
    for match in _RESHARE_LEAD.finditer(post.text):
        handle = (match.group(1) or match.group(2)).lower()
        if handle in handles:
            yield finding(
                RESHARE,
                post,
                match.start(),
                match.end(),
                f"This quotes or reshares a politician during the {period.name} period.",
                suggestion="Don't reshare politicians' content until polling day.",
            )


def find_unplanned_campaign(post: Post, context: CheckContext) -> Iterator[Finding]:
    period = active_period(context)
    if period is None or not context.campaign:
        return
    planned = context.campaign_planned_on
    if planned is None or planned >= period.starts_on:
        yield finding(
            CAMPAIGN,
            post,
            0,
            0,
            f'The campaign "{context.campaign}" was not planned before the {period.name} '
            "pre-election period began.",
            suggestion="Hold it until after polling day, or get the named officer's sign-off.",
        )


RULES = (
    (PARTY, find_parties),
    (COUNCILLOR, find_councillors),
    (CANDIDATE, find_candidates),
    (RESHARE, find_reshares),
    (CAMPAIGN, find_unplanned_campaign),
    (PARTY_CONTENT, find_party_content),
)
