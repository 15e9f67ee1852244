"""The insight pages: the reputation dashboard, mentions, alerts and their rules, privacy."""
