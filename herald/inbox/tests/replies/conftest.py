"""Fixtures for the replies tests: a Sandbox-connected account and a resident's conversation."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.estate.models import SocialAccount
from herald.inbox.tests.replies.factories import Thread, conversation, sandbox_account


@pytest.fixture
def account(personas: Personas) -> SocialAccount:
    service = personas.council.services.get(slug="libraries")
    return sandbox_account(council=personas.council, service=service)


@pytest.fixture
def thread(personas: Personas, account: SocialAccount) -> Thread:
    return conversation(council=personas.council, account=account)
