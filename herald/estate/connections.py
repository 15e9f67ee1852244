"""The seam for channel connections, so housekeeping can flag a failing or expiring one.

Connections to the networks will belong to the publishing and channels contexts, which sit above
the estate. When they exist they register a provider here (they may import this module; the estate
must never import them). With no provider registered no account is connected, the truth today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.councils.models import Council


@dataclass(frozen=True)
class ConnectionHealth:
    """One connected account's connection, as its provider sees it."""

    connected: bool = True
    failing_since: datetime.datetime | None = None
    expires_on: datetime.date | None = None
    last_error: str = ""


# Given a council and the ids of the accounts being checked, the health of each connected one.
Provider = Callable[["Council", Iterable[int]], dict[int, ConnectionHealth]]
_providers: list[Provider] = []


def register_provider(provider: Provider) -> None:
    """Called once by a context that connects accounts (channels) when its app is ready."""
    if provider not in _providers:
        _providers.append(provider)


def unregister_provider(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def connection_health(*, council: Council, account_ids: list[int]) -> dict[int, ConnectionHealth]:
    """Every connected account's health, by account id (the first provider to answer wins)."""
    health: dict[int, ConnectionHealth] = {}
    for provider in _providers:
        for account_id, state in provider(council, account_ids).items():
            health.setdefault(account_id, state)
    return health
