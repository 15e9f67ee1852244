"""The channels' data: each account's connection to its network (credentials encrypted at rest),
and the Sandbox network's own accounts and posts."""

from herald.channels.models.connections import ChannelConnection
from herald.channels.models.sandbox import SandboxAccount, SandboxPost

__all__ = ["ChannelConnection", "SandboxAccount", "SandboxPost"]
