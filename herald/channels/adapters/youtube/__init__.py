"""YouTube (Data API v3 with the resumable upload protocol). See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.youtube.adapter import YouTubeAdapter
from herald.channels.adapters.youtube.moderation import YouTubeModeration
from herald.channels.adapters.youtube.replies import YouTubeReplies


class YouTubeNetworkAdapter(YouTubeReplies, YouTubeModeration, YouTubeAdapter):
    """With the inbox's replies and moderation mixed in."""


registry.register("youtube", YouTubeNetworkAdapter)

__all__ = ["YouTubeAdapter", "YouTubeNetworkAdapter"]
