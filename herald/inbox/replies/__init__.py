"""Replies written in Herald: drafting with the standards check, approval, the outbox that sends
each reply exactly once, saved responses, moderation and the out-of-hours acknowledgement."""
