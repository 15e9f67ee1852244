"""political rules."""

RULES = ()
