"""LinkedIn organisation pages (REST Posts API). See ``docs/channels-networks.md``."""

from herald.channels.adapters import registry
from herald.channels.adapters.linkedin.adapter import LinkedInAdapter, linkedin_version

registry.register("linkedin", LinkedInAdapter)

__all__ = ["LinkedInAdapter", "linkedin_version"]
