"""Where each adapter's HTTP client points: the one place transports are chosen.

By default a network's adapter gets a plain ``httpx.Client`` with timeouts, and the Sandbox one
gets the in-process ``LocalTransport`` (unless the connection names a ``base_url``: then it is
real HTTP). Tests and the benchmark route a network to a fake server's transport with
``use_transport``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import httpx

from herald.channels.adapters.base import Adapter
from herald.channels.adapters.registry import adapter_for
from herald.channels.sandbox.protocol import LocalTransport

TIMEOUT = httpx.Timeout(15.0, connect=5.0)

# httpx logs every request at INFO (method, URL, status): one line per post, and URLs are not
# Herald's to log. Each call's outcome is kept as a DeliveryAttempt instead.
logging.getLogger("httpx").setLevel(logging.WARNING)

_overrides: dict[str, httpx.BaseTransport] = {}


@contextlib.contextmanager
def use_transport(network: str, transport: httpx.BaseTransport) -> Iterator[None]:
    """Within the block, ``network``'s adapters talk to ``transport`` (a fake server)."""
    before = _overrides.get(network)
    _overrides[network] = transport
    try:
        yield
    finally:
        if before is None:
            _overrides.pop(network, None)
        else:
            _overrides[network] = before


def client_for(network: str, *, base_url: str = "") -> httpx.Client:
    transport = _overrides.get(network)
    if transport is None and network == "sandbox" and not base_url:
        transport = LocalTransport()
    return httpx.Client(transport=transport, timeout=TIMEOUT)


def adapter(network: str, *, base_url: str = "") -> Adapter:
    return adapter_for(network, client_for(network, base_url=base_url))
