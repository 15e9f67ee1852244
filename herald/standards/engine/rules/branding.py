"""branding rules."""

RULES = ()
