"""Safeguarding risk: a child or vulnerable adult at risk, threats of self-harm or of violence.

Recall matters more than precision here: a missed disclosure can cost a life, a false alarm
costs an officer a minute. So the cues are broad, and a child or vulnerable adult is flagged
when the text both names one and says something that could mean harm, anywhere in it.
"""

from __future__ import annotations

import re

from herald.listening.enrichment.text import WORD_END, trie_pattern

VERSION = "safeguarding-cues-1"

SELF_HARM = "self_harm"
CHILD_AT_RISK = "child_at_risk"
ADULT_AT_RISK = "vulnerable_adult_at_risk"
VIOLENCE = "threat_of_violence"
DOMESTIC_ABUSE = "domestic_abuse"

REASON_LABELS = {
    SELF_HARM: "Threat of self-harm or suicide",
    CHILD_AT_RISK: "A child may be at risk",
    ADULT_AT_RISK: "A vulnerable adult may be at risk",
    VIOLENCE: "Threat of violence",
    DOMESTIC_ABUSE: "Domestic abuse",
}


class _Cues:
    """Any of some phrases, each starting a word. A cue ending in "*" is a stem ("suicid*":
    suicide, suicidal); the rest are whole words."""

    def __init__(self, *phrases: str) -> None:
        self.phrases = phrases
        parts = [[*p[:-1]] if p.endswith("*") else [*p, WORD_END] for p in phrases]
        # No leading \b: a pattern that starts with the phrases' own letters lets the regex
        # engine skip ahead to where one could begin, several times faster on a clean text;
        # the start of the word is checked on the (few) matches instead.
        self.pattern = re.compile(trie_pattern(parts))

    def search(self, text: str) -> bool:
        for found in self.pattern.finditer(text):
            start = found.start()
            if start == 0 or not text[start - 1].isalnum():
                return True
        return False


def _cues(*phrases: str) -> _Cues:
    return _Cues(*phrases)


_SELF_HARM = _cues(
    "kill myself", "killing myself", "end it all", "end my life", "ending it all", "suicid*",
    "want to die", "wanna die", "wish i was dead", "wish i were dead", "better off dead",
    "better off without me", "take my own life", "taking my own life", "self harm*",
    "self-harm*", "selfharm*", "cut myself", "cutting myself", "hurt myself", "hurting myself",
    "overdose", "no reason to live", "nothing to live for", "can't go on", "cant go on",
    "can't cope anymore", "cant cope anymore", "don't want to be here anymore",
    "dont want to be here anymore", "not worth living", "jump off", "hang myself",
    "no way out", "give up on life", "say goodbye to everyone",
)  # fmt: skip
_VIOLENCE = _cues(
    "i'll kill", "ill kill", "i will kill", "going to kill", "gonna kill", "i'll hurt",
    "i will hurt", "gonna hurt", "going to hurt", "burn down", "burn it down", "torch the",
    "bomb the", "plant a bomb", "bomb threat", "stab*", "shoot", "smash your", "smash his", "smash her", "kick your head",
    "batter you", "batter him", "batter her", "find where you live", "know where you live", "coming for you", "watch your back",
    "you'll regret", "youll regret", "petrol through", "blow up", "blow it up", "knife",
    "machete", "gun", "acid attack", "throw acid", "do you in", "sort you out", "string them up", "should be shot",
    "lined up and shot", "kill yourself", "kys", "hope you die", "deserve to die",
)  # fmt: skip
_DOMESTIC = _cues(
    "domestic abuse", "domestic violence", "he hits me", "she hits me", "hits me",
    "beats me", "beat me up", "my partner hit*", "my husband hit*", "my wife hit*",
    "my boyfriend hit*", "my ex hit*", "afraid of my partner", "scared of my partner",
    "coercive control", "controlling relationship", "refuge", "fled my partner",
    "fleeing domestic", "not safe at home", "unsafe at home",
)  # fmt: skip
_CHILD = _cues(
    "child*", "kid", "kids", "kiddie*", "baby", "babies", "toddler*", "infant*", "my son",
    "my daughter", "his son", "her son", "his daughter", "her daughter", "boy", "boys", "girl",
    "girls", "teen*", "schoolboy*", "schoolgirl*", "minor", "minors", "pupil*", "youngster*",
    "little one*", "grandchild*", "grandson", "granddaughter", "foster*", "in care",
    "year 7", "year 8", "year 9", "year 10", "year 11", "under 16", "under-16",
)  # fmt: skip
_ADULT = _cues(
    "elderly", "old lady", "old man", "old woman", "old gentleman", "pensioner*",
    "my mum", "my dad", "my mother", "my father", "my nan", "my gran", "my grandad",
    "my grandma", "my grandpa", "nana", "disabled", "disability", "dementia", "alzheimer*",
    "vulnerable", "carer*", "care home", "care worker*", "learning disabilit*",
    "wheelchair", "housebound", "bed bound", "bedbound", "frail", "lives alone",
    "living alone", "on her own", "on his own", "neighbour", "homeless", "rough sleep*",
    "sleeping rough", "sleeping on the street*", "mental health",
)  # fmt: skip
_HARM = _cues(
    "abus*", "neglect*", "hit", "hits", "hitting", "hurt*", "beat*", "bruis*", "injur*",
    "left alone", "left on their own", "left on his own", "left on her own", "home alone",
    "locked in", "locked out", "not fed", "hungry", "starving", "no food", "not eaten",
    "hasn't eaten", "hasnt eaten", "screaming", "crying for hours", "crying all night",
    "scared", "frightened", "terrified", "missing", "gone missing", "ran away", "runaway",
    "unsafe", "in danger", "at risk", "exploit*", "groom*", "county lines", "trafficked",
    "sexual*", "inappropriate*", "touched", "fallen", "had a fall", "on the floor",
    "no heating", "freezing", "not been seen", "hasn't been seen", "hasnt been seen",
    "no one has checked", "nobody has checked", "nobody checks", "no carer",
    "carer didn't turn up", "carer didnt turn up", "missed visit*", "didn't turn up",
    "creepy", "photos of", "pictures of", "hanging around", "following", "taking money",
    "cash machine", "financial abuse", "scam*", "conned", "taken advantage", "stealing from", "taking her money",
    "taking his money", "filthy", "soiled", "wandering", "confused", "no help", "desperate",
    "nowhere to sleep", "nowhere to go", "on the streets", "kicked out",
    "thrown out", "evicted", "dying", "died", "dead", "self harm*", "suicid*",
)  # fmt: skip


# Someone with nowhere safe to be tonight is at risk whoever they are.
_ADULT_DIRECT = _cues(
    "nowhere to sleep", "nowhere to stay", "sleeping rough", "rough sleep*", "sleeping on the street*",
    "sleeping in my car", "sleeping in a doorway", "street homeless",
)  # fmt: skip


# Every cue that can start a reason, in one pattern: most mentions match none of them, and one
# pass over the text to say so is much cheaper than one per reason.
_ANY = _Cues(
    *(
        cue
        for cues in (_SELF_HARM, _VIOLENCE, _DOMESTIC, _CHILD, _ADULT, _ADULT_DIRECT)
        for cue in cues.phrases
    )
)


def safeguarding_reasons(norm: str) -> list[str]:
    """The reasons a text already passed through ``text.normalise`` raises concern, if any."""
    if not _ANY.search(norm):
        return []
    reasons: list[str] = []
    if _SELF_HARM.search(norm):
        reasons.append(SELF_HARM)
    if _VIOLENCE.search(norm):
        reasons.append(VIOLENCE)
    if _DOMESTIC.search(norm):
        reasons.append(DOMESTIC_ABUSE)
    harm: bool | None = None
    if _CHILD.search(norm):
        harm = _HARM.search(norm)
        if harm:
            reasons.append(CHILD_AT_RISK)
    if _ADULT_DIRECT.search(norm):
        reasons.append(ADULT_AT_RISK)
    elif _ADULT.search(norm):
        harm = _HARM.search(norm) if harm is None else harm
        if harm:
            reasons.append(ADULT_AT_RISK)
    return reasons
