"""Running the engine for the check page, the API and ``herald check_text``: many texts, each
with its own network and account, checked under one council's pack."""

from __future__ import annotations

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
    """The findings for each item, in order, all through the engine's batch form (which scores
    the offensive-language classifier over the whole batch in one pass)."""
    return check_batch([item.text for item in items], [context_for(i, pack=pack) for i in items])


def invalid_text_reason(text: str) -> str | None:
    """Why a text cannot be checked at all (None if it can): lone surrogates from broken
    Unicode, or a text far longer than anything published."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return "invalid_unicode"
    return "too_long" if size > MAX_TEXT_BYTES else None
