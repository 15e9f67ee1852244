"""The standards pages: checking a post (anyone in the council) and the settings (digital team)."""
