"""The networks' ``Listening`` implementations (``incoming``: what residents say to and about
the council's accounts), one module per network beside its adapter, each with a fake in
``herald.channels.fakes``. Listening's ingestion asks here for a network's listener."""

from __future__ import annotations

import importlib

from herald.channels.adapters.base import Listening
from herald.channels.clients import client_for

# network key (as connections name it) -> the adapter package holding its ``listening`` module
LISTENING_PACKAGES = {
    "sandbox": "sandbox",
    "facebook_page": "facebook",
    "instagram": "instagram",
    "x": "x",
    "linkedin": "linkedin",
    "youtube": "youtube",
}


def listens(network: str) -> bool:
    return network in LISTENING_PACKAGES


def listener_for(network: str, *, base_url: str = "") -> Listening:
    """The network's listener on the client ``herald.channels.clients`` chooses (a fake's
    transport in tests)."""
    if not listens(network):
        raise LookupError(f"Herald cannot read comments from {network!r}")
    package = LISTENING_PACKAGES[network]
    module = importlib.import_module(f"herald.channels.adapters.{package}.listening")
    listener: Listening = module.make(client_for(network, base_url=base_url))
    return listener
