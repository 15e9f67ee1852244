"""safeguarding rules."""

RULES = ()
