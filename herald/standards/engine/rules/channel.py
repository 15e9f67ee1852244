"""channel rules."""

RULES = ()
