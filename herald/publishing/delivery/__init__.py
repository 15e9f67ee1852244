"""Delivery: the outbox the sweep works through (``outbox``) and the sweep itself."""
