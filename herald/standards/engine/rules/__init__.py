"""One module per category; each exposes ``RULES``."""
