"""The standards engine on a reply: the same engine and council rule pack as posts, told that
the text is a reply on the account's network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.standards import engine
from herald.standards import types as standards
from herald.standards.selectors import account_key, rule_pack_for

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

BLOCK, SIGN_OFF = str(standards.Severity.BLOCK), str(standards.Severity.SIGN_OFF)
# The engine's network names for the register's networks.
ENGINE_NETWORK = {"facebook_page": "facebook", "facebook_group": "facebook"}


def reply_findings(*, council: Council, account: SocialAccount, text: str) -> list[dict[str, Any]]:
    """The engine's findings for ``text`` as a reply from ``account``, as stored on the reply."""
    context = standards.CheckContext(
        pack=rule_pack_for(council=council),
        network=ENGINE_NETWORK.get(account.network, account.network),
        account=account_key(account.handle),
        on=timezone.localdate(),
        is_reply=True,
    )
    return [finding.as_dict() for finding in engine.check(text, context)]


def blocking(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get("severity") == BLOCK]


def needing_sign_off(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get("severity") == SIGN_OFF]
