"""Instagram business accounts (two-step container publish). See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.instagram.adapter import InstagramAdapter, settings_media_url
from herald.channels.adapters.instagram.moderation import InstagramModeration
from herald.channels.adapters.instagram.replies import InstagramReplies


class InstagramNetworkAdapter(InstagramReplies, InstagramModeration, InstagramAdapter):
    """With the inbox's replies and moderation mixed in."""


registry.register("instagram", InstagramNetworkAdapter)

__all__ = ["InstagramAdapter", "InstagramNetworkAdapter", "settings_media_url"]
