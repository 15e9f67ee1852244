"""Running the engine for the check page, the API and ``herald check_text``: many texts, each
with its own network and account, checked under one council's pack."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from herald.standards.defaults import MAX_TEXT_BYTES
from herald.standards.engine import check_batch
from herald.standards.selectors import account_key
from herald.standards.types import CheckContext, Finding, RulePack


@dataclass(frozen=True, slots=True)
class TextToCheck:
    text: str
    network: str | None = None
    account: str | None = None


def context_for(
    item: TextToCheck | None = None, *, pack: RulePack, network: str | None = None
) -> CheckContext:
    network = item.network if item else network
    account = account_key(item.account) if item else None
    return CheckContext(pack=pack, network=network or None, account=account)


def check_texts(items: Sequence[TextToCheck], *, pack: RulePack) -> list[list[Finding]]:
    """The findings for each item, in order. Items sharing a network and account go through
    the engine's batch form together, which scores them in one pass."""
    groups: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[(item.network or None, account_key(item.account))].append(index)
    results: list[list[Finding]] = [[] for _ in items]
    for indexes in groups.values():
        context = context_for(items[indexes[0]], pack=pack)
        found = check_batch([items[i].text for i in indexes], context)
        for index, findings in zip(indexes, found, strict=True):
            results[index] = findings
    return results


def invalid_text_reason(text: str) -> str | None:
    """Why a text cannot be checked at all (None if it can): lone surrogates from broken
    Unicode, or a text far longer than anything published."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return "invalid_unicode"
    return "too_long" if size > MAX_TEXT_BYTES else None
