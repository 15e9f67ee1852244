"""X (API v2): posts as the connected user. See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.x.adapter import XAdapter

registry.register("x", XAdapter)

__all__ = ["XAdapter"]
