"""Demo data for channels: about eight of the council's accounts (corporate ones first, a mix of
networks in the register) connected to the Sandbox network, so the demo publishes end to end
with nothing external. Idempotent: accounts already connected are left as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.audit.services import SYSTEM
from herald.channels import services
from herald.channels.models import ChannelConnection
from herald.estate.models import SocialAccount

if TYPE_CHECKING:
    from herald.councils.models import Council

DEMO_CONNECTIONS = 8


def demo_accounts(council: Council) -> list[SocialAccount]:
    """Up to eight active accounts: corporate first, then one per network in turn."""
    accounts = list(
        council.social_accounts.filter(status=SocialAccount.Status.ACTIVE).order_by("kind", "name")
    )
    corporate = [a for a in accounts if a.kind == SocialAccount.Kind.CORPORATE]
    chosen = corporate[: DEMO_CONNECTIONS // 2]
    seen_networks = {a.network for a in chosen}
    for account in accounts:
        if len(chosen) >= DEMO_CONNECTIONS:
            break
        if account not in chosen and account.network not in seen_networks:
            chosen.append(account)
            seen_networks.add(account.network)
    for account in accounts:
        if len(chosen) >= DEMO_CONNECTIONS:
            break
        if account not in chosen:
            chosen.append(account)
    return chosen


def load_demo(*, council: Council) -> None:
    connected = set(
        ChannelConnection.objects.filter(council=council).values_list("account_id", flat=True)
    )
    for account in demo_accounts(council):
        if account.pk not in connected:
            services.connect(council=council, account=account, network="sandbox", actor=SYSTEM)
