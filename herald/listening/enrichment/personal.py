"""Personal data in a mention, found by the standards engine's own personal data rules.

The engine is the one place Herald decides what personal data looks like (and what is the
council's own published contact details, which are not); here we run only its personal data
rules, under the council's rule pack, and keep what kind was found and where, never the data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from herald.standards.engine import check, check_batch, rule_catalogue
from herald.standards.types import Category, CheckContext, RulePack, RuleSetting

VERSION = "standards-personal-data"

_OFF = RuleSetting(enabled=False)
_NOT_PERSONAL = {
    info.id: _OFF for info in rule_catalogue() if info.category != Category.PERSONAL_DATA
}


def personal_data_context(pack: RulePack | None = None) -> CheckContext:
    """A check context that runs only the personal data rules, with the council's own contact
    details (from its pack) treated as the council's, not as someone's personal data."""
    pack = pack or RulePack()
    settings = {**pack.settings, **_NOT_PERSONAL}
    return CheckContext(pack=dataclasses.replace(pack, settings=settings))


def personal_data_in(text: str, context: CheckContext) -> list[dict[str, object]]:
    """What kinds of personal data the text holds, and where (offsets into the text)."""
    return [
        {"kind": found.kind, "rule": found.rule, "start": found.start, "end": found.end}
        for found in check(text, context)
        if found.category == Category.PERSONAL_DATA
    ]


def personal_data_in_many(
    texts: Sequence[str], context: CheckContext
) -> list[list[dict[str, object]]]:
    """``personal_data_in`` for many texts: the engine plans its rules once for the batch."""
    return [
        [
            {"kind": found.kind, "rule": found.rule, "start": found.start, "end": found.end}
            for found in findings
            if found.category == Category.PERSONAL_DATA
        ]
        for findings in check_batch(texts, context)
    ]
