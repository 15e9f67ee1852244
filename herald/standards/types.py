"""The standards engine's typed vocabulary, shared by the engine, the rule packs and every caller.

Publishing, inbox and listening call ``herald.standards.engine.check(text, context)`` and get back
``Finding`` objects; nothing here touches the database, so the engine can run anywhere (a
command, a request, a batch over a million mentions) and be tested without one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    PERSONAL_DATA = "personal_data"
    SAFEGUARDING = "safeguarding"
    OFFENSIVE = "offensive"
    POLITICAL = "political"
    ACCESSIBILITY = "accessibility"
    CHANNEL = "channel"
    BRANDING = "branding"
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[Category, str] = {
    Category.PERSONAL_DATA: "Personal data",
    Category.SAFEGUARDING: "Safeguarding",
    Category.OFFENSIVE: "Offensive language",
    Category.POLITICAL: "Pre-election period and political content",
    Category.ACCESSIBILITY: "Accessibility",
    Category.CHANNEL: "Channel limits",
    Category.BRANDING: "Branding",
    Category.LEGAL: "Legal risk",
}


class Severity(StrEnum):
    """What a finding does to a post: stops it, needs someone with authority to sign it off, or
    only advises. Ordered: ``BLOCK`` is the most severe."""

    BLOCK = "block"
    SIGN_OFF = "needs_sign_off"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]


SEVERITY_RANK: dict[Severity, int] = {Severity.BLOCK: 0, Severity.SIGN_OFF: 1, Severity.ADVICE: 2}
SEVERITY_LABELS: dict[Severity, str] = {
    Severity.BLOCK: "Must be fixed",
    Severity.SIGN_OFF: "Needs sign-off",
    Severity.ADVICE: "Advice",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place. ``start``/``end`` are character offsets into the text exactly as
    the caller passed it (before any normalisation), so ``text[start:end]`` is what to highlight.
    A finding about the post as a whole (too long, an image without alt text) spans ``0, 0``."""

    rule: str
    category: Category
    kind: str
    severity: Severity
    start: int
    end: int
    message: str
    guideline: str = ""
    suggestion: str = ""

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of ``herald check_text`` and ``POST /api/v1/standards/check``."""
        return {
            "rule": self.rule,
            "category": str(self.category),
            "kind": self.kind,
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "guideline": self.guideline,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule as the settings pages show it: what it looks for and how severe it is by default."""

    id: str
    category: Category
    title: str
    description: str
    default_severity: Severity
    guideline: str = ""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """A council's choice for one rule: switched off, or a different severity."""

    enabled: bool = True
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class ElectionPeriod:
    """A pre-election period: from the notice of election to polling day, inclusive."""

    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    areas: tuple[str, ...] = ()

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class AccountRules:
    """Per-account requirements a council can set (keyed by the account's handle)."""

    required_sign_off: str = ""  # e.g. "^AB" — the post must end with it
    required_hashtags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RulePack:
    """Everything a council has configured, as plain immutable data the engine reads.

    ``herald.standards.selectors.rule_pack_for(council=…)`` builds it from the council's settings;
    ``RulePack()`` is the default pack (no council: ``herald check_text`` without ``--council``).
    """

    council_name: str = ""
    # The council's own published contact details are not personal data.
    own_phone_numbers: frozenset[str] = frozenset()  # E.164, e.g. "+441632960000"
    own_email_domains: frozenset[str] = frozenset()  # e.g. "aldermoor.gov.uk"
    own_postcodes: frozenset[str] = frozenset()  # normalised: upper case, one space
    blocked_words: tuple[str, ...] = ()  # the council's own list, on top of the built-in one
    allowed_words: tuple[str, ...] = ()  # false positives the council has cleared
    prohibited_terms: tuple[str, ...] = ()  # branding: words the council never uses
    parties: tuple[str, ...] | None = None  # None: the built-in list of main UK parties
    councillors: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    politician_handles: tuple[str, ...] = ()  # e.g. "@cllrjones"
    election_periods: tuple[ElectionPeriod, ...] = ()
    accounts: Mapping[str, AccountRules] = field(default_factory=dict)
    settings: Mapping[str, RuleSetting] = field(default_factory=dict)

    def setting_for(self, rule_id: str) -> RuleSetting:
        return self.settings.get(rule_id, DEFAULT_SETTING)


DEFAULT_SETTING = RuleSetting()


@dataclass(frozen=True, slots=True)
class MediaItem:
    """An image or video attached to a post, with what the media library records about it."""

    kind: str  # "image" or "video"
    alt_text: str = ""
    filename: str = ""
    has_captions: bool = False
    shows_children: bool = False
    consent_recorded: bool = False
    source: str = ""
    licence: str = ""


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the engine needs besides the text. Every field has a safe default."""

    pack: RulePack = field(default_factory=RulePack)
    network: str | None = (
        None  # "x", "bluesky", "mastodon", "instagram", "linkedin", "facebook", "youtube"
    )
    account: str | None = None  # the account's handle, for ``RulePack.accounts``
    media: tuple[MediaItem, ...] = ()
    on: datetime.date | None = None  # the publishing date; None: today
    is_reply: bool = False
    campaign: str = ""
    campaign_planned_on: datetime.date | None = None  # when the campaign was planned
    reshare_of: str = ""  # the handle whose content this post reshares, if any
