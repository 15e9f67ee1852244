"""Test helpers for the standards context."""

from __future__ import annotations

from herald.audit.services import Actor

TEST_ACTOR = Actor(user=None, label="Test suite")
