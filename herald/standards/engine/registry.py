"""The rules, and running them with a council's settings applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from herald.standards.engine.rules import personal_data
from herald.standards.types import CheckContext, Finding, RuleInfo

RuleCheck = Callable[[str, CheckContext], Iterable[Finding]]

# Each rule module exposes ``RULES``: pairs of the rule's description and its check.
RULES: tuple[tuple[RuleInfo, RuleCheck], ...] = (*personal_data.RULES,)


def rule_catalogue() -> list[RuleInfo]:
    """Every rule the engine knows, in the order the settings pages list them."""
    return [info for info, _ in RULES]


def check(text: str, context: CheckContext | None = None) -> list[Finding]:
    """Every finding in ``text``, with the council's switched-off rules left out and its
    severities applied, ordered by position."""
    context = context or CheckContext()
    findings: list[Finding] = []
    for info, rule in RULES:
        setting = context.pack.setting_for(info.id)
        if not setting.enabled:
            continue
        for found in rule(text, context):
            if setting.severity is not None and setting.severity != found.severity:
                found = dataclasses.replace(found, severity=setting.severity)  # noqa: PLW2901
            findings.append(found)
    findings.sort(key=lambda f: (f.start, f.end, f.severity.rank, f.rule))
    return findings


def check_batch(texts: Sequence[str], context: CheckContext | None = None) -> list[list[Finding]]:
    """``check`` for many texts under one context, in order."""
    return [check(text, context) for text in texts]
