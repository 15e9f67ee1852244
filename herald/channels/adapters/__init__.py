"""One package per network, each implementing ``herald.channels.adapters.base.Adapter``."""
