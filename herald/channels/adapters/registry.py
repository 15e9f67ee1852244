"""Which adapter serves which network. Each adapter package registers itself here on import."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import httpx

from herald.channels.adapters.base import Adapter

# network key -> factory taking an httpx client (tests pass one with a fake transport)
_factories: dict[str, Callable[[httpx.Client], Adapter]] = {}

# The adapter packages, imported on first use so each registers itself.
ADAPTER_MODULES = (
    "herald.channels.adapters.sandbox",
    "herald.channels.adapters.mastodon",
    "herald.channels.adapters.bluesky",
    "herald.channels.adapters.facebook",
    "herald.channels.adapters.instagram",
    "herald.channels.adapters.x",
    "herald.channels.adapters.linkedin",
    "herald.channels.adapters.youtube",
)


def register(network: str, factory: Callable[[httpx.Client], Adapter]) -> None:
    _factories[network] = factory


def _load() -> None:
    for name in ADAPTER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:  # a package not written yet
            if error.name != name:
                raise


def networks() -> list[str]:
    _load()
    return sorted(_factories)


def adapter_for(network: str, client: httpx.Client | None = None) -> Adapter:
    _load()
    try:
        factory = _factories[network]
    except KeyError:
        raise LookupError(f"No adapter for network {network!r}") from None
    return factory(client or httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0)))
