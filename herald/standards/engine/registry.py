"""The rules, and running them with a council's settings applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from herald.core.errors import DomainError
from herald.standards.engine.post import Post, RuleCheck
from herald.standards.engine.rules import (
    accessibility,
    branding,
    channel,
    legal,
    offensive,
    personal_data,
    political,
    safeguarding,
)
from herald.standards.types import CheckContext, Finding, RuleInfo

# Each rule module exposes ``RULES``: pairs of the rule's description and its check.
RULES: tuple[tuple[RuleInfo, RuleCheck], ...] = (
    *personal_data.RULES,
    *safeguarding.RULES,
    *offensive.RULES,
    *political.RULES,
    *accessibility.RULES,
    *channel.RULES,
    *branding.RULES,
    *legal.RULES,
)
# Far beyond any network's limit (Facebook's 63,206) but small enough to check in about a second.
MAX_TEXT_CHARS = 2_000_000
_DEFAULT_CONTEXT = CheckContext()


class TextNotCheckable(DomainError):
    """The input is not something the engine can check (not a string, or absurdly long)."""

    code = "text_not_checkable"


def rule_catalogue() -> list[RuleInfo]:
    """Every rule the engine knows, in the order the settings pages list them."""
    return [info for info, _ in RULES]


def check(text: str, context: CheckContext | None = None) -> list[Finding]:
    """Every finding in ``text``, with the council's switched-off rules left out and its
    severities applied, ordered by position."""
    return _run(_prepare(text), context or _DEFAULT_CONTEXT)


def check_batch(
    texts: Sequence[str],
    context: CheckContext | Sequence[CheckContext] | None = None,
) -> list[list[Finding]]:
    """``check`` for many texts, in order: under one context, or one context per text."""
    contexts = _contexts_for(texts, context)
    posts = [_prepare(text) for text in texts]
    offensive.score_posts(posts)
    return [_run(post, ctx) for post, ctx in zip(posts, contexts, strict=True)]


def _contexts_for(
    texts: Sequence[str], context: CheckContext | Sequence[CheckContext] | None
) -> Sequence[CheckContext]:
    if context is None or isinstance(context, CheckContext):
        return [context or _DEFAULT_CONTEXT] * len(texts)
    if len(context) != len(texts):
        raise TextNotCheckable(
            f"{len(texts)} texts but {len(context)} contexts: give one context, or one per text."
        )
    return context


def _prepare(text: str) -> Post:
    if not isinstance(text, str):
        raise TextNotCheckable(f"Expected text, got {type(text).__name__}.")
    if len(text) > MAX_TEXT_CHARS:
        raise TextNotCheckable(
            f"The text is {len(text):,} characters; the most the checker reads is "
            f"{MAX_TEXT_CHARS:,}."
        )
    return Post(text)


def _run(post: Post, context: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    settings = context.pack.settings
    for info, rule in RULES:
        setting = settings.get(info.id)
        if setting is None:
            findings.extend(rule(post, context))
            continue
        if not setting.enabled:
            continue
        for found in rule(post, context):
            if setting.severity is not None and setting.severity != found.severity:
                found = dataclasses.replace(found, severity=setting.severity)  # noqa: PLW2901
            findings.append(found)
    if len(findings) > 1:
        findings.sort(key=lambda f: (f.start, f.end, f.severity.rank, f.rule))
    return findings
