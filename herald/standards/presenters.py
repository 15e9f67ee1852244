"""What the standards pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from markupsafe import Markup, escape

from herald.standards.models import AccountRule, RuleOverride
from herald.standards.types import CATEGORY_LABELS, Category, Finding, RuleInfo, Severity

# Plain-English training notes for each category, shown on the check page.
CATEGORY_HELP: dict[Category, str] = {
    Category.PERSONAL_DATA: "Phone numbers, email and postal addresses, National Insurance and "
    "NHS numbers, dates of birth, bank details, number plates and private individuals' names. "
    "The council's own published contact details are fine.",
    Category.SAFEGUARDING: "Anything that could identify a child or vulnerable adult (a name with "
    "an age, school or care setting), photos of children without recorded consent, and "
    "wording that discloses a safeguarding concern.",
    Category.OFFENSIVE: "Swearing and slurs, including disguised spellings, and the council's own "
    "blocked words.",
    Category.POLITICAL: "During a pre-election period, naming councillors, candidates or parties, "
    "or resharing politicians' posts, needs the named officer's sign-off.",
    Category.ACCESSIBILITY: "Alt text on images, captions on video, CamelCase hashtags (at most two, "
    "at the end), few emojis, one link, short sentences and plain words.",
    Category.CHANNEL: "Each network's length limit, counted the network's way.",
    Category.BRANDING: "The sign-off and hashtags an account must carry, and terms the council "
    "never uses.",
    Category.LEGAL: "Allegations about named people, and media with no recorded source and licence.",
}


@dataclass(frozen=True)
class Cluster:
    start: int
    end: int
    numbers: list[int]
    severity: Severity


def _clusters(findings: list[Finding]) -> list[Cluster]:
    """Overlapping spans merged, so each character is marked at most once."""
    spans = sorted(
        (f.start, f.end, number, f.severity)
        for number, f in enumerate(findings, start=1)
        if f.end > f.start
    )
    clusters: list[Cluster] = []
    for start, end, number, severity in spans:
        if clusters and start < clusters[-1].end:
            last = clusters[-1]
            worst = min(last.severity, severity, key=lambda s: s.rank)
            clusters[-1] = Cluster(last.start, max(last.end, end), [*last.numbers, number], worst)
        else:
            clusters.append(Cluster(start, end, [number], severity))
    return clusters


def highlighted(text: str, findings: list[Finding]) -> Markup:
    """The text with each finding marked in place. Every piece of the text is escaped; only
    Herald's own ``<mark>`` and link markup is added."""
    parts: list[Markup] = []
    position = 0
    for cluster in _clusters(findings):
        start = max(cluster.start, position)
        parts.append(escape(text[position:start]))
        refs = Markup(", ").join(
            Markup('<a class="govuk-link" href="#finding-{0}">{0}</a>').format(n)
            for n in cluster.numbers
        )
        parts.append(
            Markup(
                '<mark class="herald-mark herald-mark--{}">{}</mark>'
                '<sup class="herald-mark__refs">'
                '<span class="govuk-visually-hidden">finding </span>{}</sup>'
            ).format(cluster.severity.value, text[start : cluster.end], refs)
        )
        position = max(position, cluster.end)
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


@dataclass
class CheckResults:
    """The findings for one text: the text marked up, and the findings grouped by severity."""

    text: str
    findings: list[Finding]

    @property
    def highlighted(self) -> Markup:
        return highlighted(self.text, self.findings)

    @property
    def summary(self) -> str:
        count = len(self.findings)
        if not count:
            return "No problems found."
        parts = [f"{len(group['items'])} {group['label'].lower()}" for group in self.groups]
        noun = "problem" if count == 1 else "problems"
        return f"{count} {noun} found: " + ", ".join(parts) + "."

    @property
    def groups(self) -> list[dict[str, Any]]:
        numbered = list(enumerate(self.findings, start=1))
        return [
            {
                "label": severity.label,
                "severity": severity.value,
                "items": [_finding(n, f, self.text) for n, f in numbered if f.severity == severity],
            }
            for severity in sorted(Severity, key=lambda s: s.rank)
            if any(f.severity == severity for f in self.findings)
        ]


def _finding(number: int, finding: Finding, text: str) -> dict[str, Any]:
    return {
        "number": number,
        "message": finding.message,
        "quote": text[finding.start : finding.end] if finding.end > finding.start else "",
        "category": CATEGORY_LABELS.get(finding.category, str(finding.category)),
        "guideline": finding.guideline.rstrip(". "),  # the template ends the sentence
        "suggestion": finding.suggestion,
        "rule": finding.rule,
    }


def category_help() -> list[dict[str, str]]:
    return [{"label": c.label, "help": CATEGORY_HELP[c]} for c in Category]


def rule_rows(
    catalogue: list[RuleInfo], overrides: dict[str, RuleOverride]
) -> list[dict[str, Any]]:
    """The rules by category, each as a GOV.UK summary list with its status and a change link."""
    sections = []
    for category in Category:
        rules = [info for info in catalogue if info.category == category]
        if rules:
            rows = [_rule_row(info, overrides.get(info.id)) for info in rules]
            sections.append({"title": category.label, "rows": rows})
    return sections


def rule_status(info: RuleInfo, override: RuleOverride | None) -> str:
    if override is not None and not override.is_enabled:
        return "Off"
    severity = Severity(override.severity) if override and override.severity else None
    if severity is None:
        return f"On: {info.default_severity.label.lower()} (default)"
    return f"On: {severity.label.lower()}"


def _rule_row(info: RuleInfo, override: RuleOverride | None) -> dict[str, Any]:
    href = reverse("standards:rule", args=[info.id])
    return {
        "key": {"text": info.title},
        "value": {
            "html": Markup('{}<br><span class="govuk-hint">{}</span>').format(
                rule_status(info, override), info.description
            )
        },
        "actions": {
            "items": [{"href": href, "text": "Change", "visuallyHiddenText": info.title.lower()}]
        },
    }


def account_summary(rule: AccountRule) -> str:
    parts = []
    if rule.required_sign_off:
        parts.append(f"ends with {rule.required_sign_off}")
    if rule.required_hashtags:
        parts.append("carries " + " ".join(rule.required_hashtags))
    return "; ".join(parts) or "No requirements"
