"""Facebook Pages (Graph API): posts as the connected Page. See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.facebook.adapter import FacebookPageAdapter

registry.register("facebook_page", FacebookPageAdapter)

__all__ = ["FacebookPageAdapter"]
