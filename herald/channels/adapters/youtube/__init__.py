"""YouTube (Data API v3 with the resumable upload protocol). See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.youtube.adapter import YouTubeAdapter

registry.register("youtube", YouTubeAdapter)

__all__ = ["YouTubeAdapter"]
