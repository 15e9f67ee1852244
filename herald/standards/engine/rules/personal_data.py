"""Personal data (Guidelines: legal implications; UK GDPR)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = "Guidelines: legal implications — never publish anyone's personal data"

EMAIL = RuleInfo(
    id="personal_data.email",
    category=Category.PERSONAL_DATA,
    title="Email addresses",
    description="An email address that is not one of the council's own.",
    default_severity=Severity.BLOCK,
    guideline=GUIDELINE,
)
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def find_emails(text: str, context: CheckContext) -> Iterator[Finding]:
    own = context.pack.own_email_domains
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower()
        if domain in own or any(domain.endswith("." + d) for d in own):
            continue
        yield Finding(
            rule=EMAIL.id,
            category=EMAIL.category,
            kind="email",
            severity=EMAIL.default_severity,
            start=match.start(),
            end=match.end(),
            message="This looks like a personal email address.",
            guideline=EMAIL.guideline,
            suggestion="Remove it, or use the council's own contact address.",
        )


RULES = ((EMAIL, find_emails),)
