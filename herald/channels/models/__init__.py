"""The channels' data: each account's connection to its network (credentials encrypted at rest)."""

from herald.channels.models.connections import ChannelConnection

__all__ = ["ChannelConnection"]
