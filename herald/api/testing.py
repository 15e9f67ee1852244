"""Test helpers for API tests in every context: a client that sends a real council token."""

from __future__ import annotations

from django.test import Client

from herald.api.services import issue_api_token
from herald.audit.services import Actor
from herald.councils.models import Membership
from herald.councils.roles import Role

TEST_ACTOR = Actor(user=None, label="Test suite")


def raw_token_for(membership: Membership, role: Role, *, name: str = "Test token") -> str:
    """Issue a token through the real service and return the raw value."""
    return issue_api_token(membership=membership, role=role, name=name, actor=TEST_ACTOR).raw_token


def bearer_client(raw_token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw_token}"})


def api_client(membership: Membership, role: Role) -> Client:
    """A client acting through a token for ``membership`` in ``role``."""
    return bearer_client(raw_token_for(membership, role))
