"""X (API v2): posts as the connected user. See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.x.adapter import XAdapter
from herald.channels.adapters.x.moderation import XModeration
from herald.channels.adapters.x.replies import XReplies


class XNetworkAdapter(XReplies, XModeration, XAdapter):
    """With the inbox's replies and moderation mixed in."""


registry.register("x", XNetworkAdapter)

__all__ = ["XAdapter", "XNetworkAdapter"]
