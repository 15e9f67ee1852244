"""The networks' ``Listening`` implementations (``incoming``: what residents say to and about
the council's accounts), one module per network beside its adapter, each with a fake in
``herald.channels.fakes``. Listening's ingestion asks here for a network's listener."""

from __future__ import annotations

import importlib

from herald.channels.adapters.base import Listening
from herald.channels.clients import client_for

LISTENING_NETWORKS = ("sandbox", "facebook", "instagram", "x", "linkedin", "youtube")


def listens(network: str) -> bool:
    return network in LISTENING_NETWORKS


def listener_for(network: str, *, base_url: str = "") -> Listening:
    """The network's listener on the client ``herald.channels.clients`` chooses (a fake's
    transport in tests)."""
    if not listens(network):
        raise LookupError(f"Herald cannot read comments from {network!r}")
    module = importlib.import_module(f"herald.channels.adapters.{network}.listening")
    listener: Listening = module.make(client_for(network, base_url=base_url))
    return listener
