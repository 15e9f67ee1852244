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
from herald.standards.types import CheckContext, Finding, RuleInfo, Severity

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
    context = context or _DEFAULT_CONTEXT
    return _run(_prepare(text), context, _plan(context))


def check_batch(
    texts: Sequence[str],
    context: CheckContext | Sequence[CheckContext] | None = None,
) -> list[list[Finding]]:
    """``check`` for many texts, in order: under one context, or one context per text."""
    contexts = _contexts_for(texts, context)
    posts = [_prepare(text) for text in texts]
    offensive.score_posts(posts)
    plans: dict[int, Plan] = {}  # contexts are usually shared: plan each once
    results = []
    for post, ctx in zip(posts, contexts, strict=True):
        plan = plans.get(id(ctx))
        if plan is None:
            plan = plans[id(ctx)] = _plan(ctx)
        results.append(_run(post, ctx, plan))
    return results


# The rules to run for a context, each with the severity the council gave it (or None).
Plan = list[tuple[RuleCheck, Severity | None]]
_MEDIA_RULES = frozenset(
    {
        "accessibility.alt_text",
        "accessibility.captions",
        "safeguarding.photo_consent",
        "legal.media_rights",
    }
)
_PERIOD_RULES = frozenset(
    {
        "political.party",
        "political.councillor",
        "political.candidate",
        "political.reshare",
        "political.unplanned_campaign",
    }
)


def _skipped(context: CheckContext) -> set[str]:
    """Rules that cannot find anything under ``context``: about media when there is none, the
    pre-election period outside one, accounts and channels not in play."""
    skip: set[str] = set()
    if not context.media:
        skip |= _MEDIA_RULES
    if political.active_period(context) is None:
        skip |= _PERIOD_RULES
    if (context.network or "").lower() not in channel.LIMITS:
        skip |= {info.id for info, _ in channel.RULES}
    if not context.pack.prohibited_terms:
        skip.add(branding.PROHIBITED.id)
    if branding.account_rules(context) is None:
        skip |= {branding.SIGN_OFF.id, branding.HASHTAG.id}
    return skip


def _plan(context: CheckContext) -> Plan:
    """The rules to run under ``context``, worked out once per context, with the council's
    switched-off rules left out and its severities attached."""
    skip = _skipped(context)
    plan: Plan = []
    for info, rule in RULES:
        setting = context.pack.settings.get(info.id)
        if info.id in skip or (setting is not None and not setting.enabled):
            continue
        plan.append((rule, setting.severity if setting is not None else None))
    return plan


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


def _run(post: Post, context: CheckContext, plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for rule, severity in plan:
        if severity is None:
            findings.extend(rule(post, context))
            continue
        for found in rule(post, context):
            if found.severity != severity:
                found = dataclasses.replace(found, severity=severity)  # noqa: PLW2901
            findings.append(found)
    if len(findings) > 1:
        findings.sort(key=lambda f: (f.start, f.end, f.severity.rank, f.rule))
    return findings
