"""Branding: each account's required sign-off and hashtags, and the council's prohibited terms.

Strategy (report, Appendix 2: "ensure appropriate branding"): every corporate account speaks in
the council's voice and signs off the way the council has agreed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from herald.standards.engine.normalise import fold
from herald.standards.engine.post import Post, finding
from herald.standards.types import AccountRules, Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Social Media Strategy: corporate accounts follow the council's branding: agreed sign-offs, "
    "campaign hashtags and wording."
)


def _rule(key: str, title: str, description: str) -> RuleInfo:
    return RuleInfo(
        id=f"branding.{key}",
        category=Category.BRANDING,
        title=title,
        description=description,
        default_severity=Severity.BLOCK,
        guideline=GUIDELINE,
    )


SIGN_OFF = _rule("sign_off", "Required sign-off", "The account's sign-off is missing at the end.")
HASHTAG = _rule(
    "required_hashtag", "Required hashtags", "An account's required hashtag is missing."
)
PROHIBITED = _rule("prohibited_term", "Prohibited terms", "A term the council has ruled out.")
_TRAILING = re.compile(r"(?:\s|https?://\S+|#\w+)+$")


def account_rules(context: CheckContext) -> AccountRules | None:
    if not context.account or not context.pack.accounts:
        return None
    handle = context.account.strip()
    accounts = context.pack.accounts
    for key in (handle, handle.lower(), handle.lstrip("@"), "@" + handle.lstrip("@")):
        if key in accounts:
            return accounts[key]
    return None


def find_missing_sign_off(post: Post, context: CheckContext) -> Iterator[Finding]:
    rules = account_rules(context)
    if rules is None or not rules.required_sign_off.strip():
        return
    sign_off = rules.required_sign_off.strip()
    body = _TRAILING.sub("", post.text)  # hashtags and a link may follow the sign-off
    if not (body.endswith(sign_off) or post.text.rstrip().endswith(sign_off)):
        yield finding(
            SIGN_OFF,
            post,
            0,
            0,
            f'Posts from {context.account} end with the sign-off "{sign_off}".',
            suggestion=f'Add "{sign_off}" at the end.',
        )


def find_missing_hashtags(post: Post, context: CheckContext) -> Iterator[Finding]:
    rules = account_rules(context)
    if rules is None:
        return
    present = {t.lower() for t in re.findall(r"#\w+", post.text)}
    for required in rules.required_hashtags:
        tag = "#" + required.strip().lstrip("#")
        if len(tag) > 1 and tag.lower() not in present:
            yield finding(
                HASHTAG,
                post,
                0,
                0,
                f"Posts from {context.account} carry {tag}.",
                suggestion=f"Add {tag} at the end.",
            )


@functools.lru_cache(maxsize=64)
def _prohibited(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = [fold(t.strip())[0] for t in terms if t.strip()]
    if not folded:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in folded)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_prohibited_terms(post: Post, context: CheckContext) -> Iterator[Finding]:
    pattern = _prohibited(context.pack.prohibited_terms)
    if pattern is None:
        return
    for match in pattern.finditer(post.norm):
        yield finding(
            PROHIBITED,
            post,
            match.start(),
            match.end(),
            "The council does not use this term.",
            suggestion="Use the council's preferred wording.",
        )


RULES = (
    (SIGN_OFF, find_missing_sign_off),
    (HASHTAG, find_missing_hashtags),
    (PROHIBITED, find_prohibited_terms),
)
