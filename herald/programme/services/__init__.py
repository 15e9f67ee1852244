"""Writes for the programme: every one keyword-only, atomic and audited."""
