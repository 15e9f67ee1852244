"""Facebook Pages (Graph API): posts as the connected Page. See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.facebook.adapter import FacebookPageAdapter
from herald.channels.adapters.facebook.moderation import FacebookModeration
from herald.channels.adapters.facebook.replies import FacebookReplies


class FacebookNetworkAdapter(FacebookReplies, FacebookModeration, FacebookPageAdapter):
    """With the inbox's replies and moderation mixed in."""


registry.register("facebook_page", FacebookNetworkAdapter)

__all__ = ["FacebookNetworkAdapter", "FacebookPageAdapter"]
