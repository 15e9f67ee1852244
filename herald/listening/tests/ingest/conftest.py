"""Shared set-up for ingestion's tests: a council's sources, and a Sandbox account with a post
residents can comment on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.channels import services as channels
from herald.channels.adapters.base import IncomingItem
from herald.channels.models import ChannelConnection, SandboxAccount, SandboxPost
from herald.channels.sandbox import service as sandbox
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.listening.models import Source
from herald.listening.services.sources import create_source

UTC = datetime.UTC


def item(remote_id: str, text: str, **fields: Any) -> IncomingItem:
    fields.setdefault("posted_at", datetime.datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
    return IncomingItem(remote_id=remote_id, text=text, **fields)


@dataclass
class SandboxSetup:
    connection: ChannelConnection
    account: SandboxAccount
    post: SandboxPost
    resident: SandboxAccount
    source: Source


def make_source(personas: Personas, kind: str = "rss", **extra: Any) -> Source:
    config = extra.pop("config", {"url": "https://gazette.example/feed"})
    return create_source(
        council=personas.council,
        kind=kind,
        name=extra.pop("name", f"Source {kind}"),
        config=config,
        actor=SYSTEM,
        **extra,
    )


@pytest.fixture
def rss_source(personas: Personas) -> Source:
    return make_source(personas)


@pytest.fixture
def sandbox_setup(personas: Personas) -> SandboxSetup:
    account = make_account(
        council=personas.council, service=ServiceFactory(council=personas.council)
    )
    connection = channels.connect(
        council=personas.council, account=account, network="sandbox", actor=SYSTEM
    )
    own = SandboxAccount.objects.get(handle=connection.external_id)
    post, _ = sandbox.create_post(own, text="Bin collections resume Monday", idempotency_key="k1")
    resident = sandbox.ensure_account(handle="jo-resident", display_name="Jo Resident")
    source = make_source(
        personas, kind="sandbox", name="Sandbox comments", config={}, connection=connection
    )
    return SandboxSetup(connection, own, post, resident, source)
