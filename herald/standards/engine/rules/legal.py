"""legal rules."""

RULES = ()
