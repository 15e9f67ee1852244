"""Instagram business accounts (two-step container publish). See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.instagram.adapter import InstagramAdapter, settings_media_url

registry.register("instagram", InstagramAdapter)

__all__ = ["InstagramAdapter", "settings_media_url"]
