"""accessibility rules."""

RULES = ()
