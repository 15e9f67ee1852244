"""Publishing test helpers for the composer, approvals, holds and media (pubflow's tests):
accounts connected to the Sandbox network, library images, drafts made through the services."""

from __future__ import annotations

import datetime
import itertools
import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor
from herald.channels.models import ChannelConnection
from herald.estate.testing import make_account
from herald.publishing import services
from herald.publishing.models import AccountPublishingRule, MediaItem, Post

if TYPE_CHECKING:
    from conftest import Personas
    from herald.accounts.models import User
    from herald.councils.models import Council, Membership, Service
    from herald.estate.models import SocialAccount

_numbers = itertools.count(1)


def png(width: int = 2, height: int = 2) -> bytes:
    """A real, tiny PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def actor(membership: Membership) -> Actor:
    return Actor(user=membership.user)


def connected_account(
    *,
    council: Council,
    service: Service,
    network: str = "x",
    status: str = "connected",
    **details: Any,
) -> SocialAccount:
    """A register account connected to Herald's Sandbox network."""
    n = next(_numbers)
    account = make_account(
        council=council,
        service=service,
        network=network,
        handle=details.pop("handle", f"Pub{n}"),
        name=details.pop("name", f"Pub account {n}"),
        **details,
    )
    ChannelConnection.objects.create(
        council=council, account=account, network="sandbox", status=status
    )
    return account


def image(council: Council, user: User, **details: object) -> MediaItem:
    fields: dict[str, object] = {"source": "Council photographer", "licence": "Council owned"}
    fields |= details
    return services.upload_media(
        council=council,
        file=SimpleUploadedFile(f"photo{next(_numbers)}.png", png()),
        details=services.MediaDetails(**fields),  # type: ignore[arg-type]
        uploaded_by=user,
        actor=Actor(user=user),
    )


def later(hours: int = 24) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def post_input(
    accounts: list[SocialAccount],
    *,
    text: str = "Libraries open late on Thursdays this month.",
    title: str = "Late opening",
    when: datetime.datetime | None = None,
    media: tuple[services.MediaUse, ...] = (),
    category: str = Post.Category.GENERAL,
) -> services.PostInput:
    return services.PostInput(
        title=title,
        category=category,
        scheduled_for=when,
        variants=tuple(services.VariantInput(account=a, text=text, media=media) for a in accounts),
    )


@dataclass
class Pub:
    personas: Personas
    accounts: list[SocialAccount]

    @property
    def council(self) -> Council:
        return self.personas.council

    def draft(self, by: Membership | None = None, **kwargs: Any) -> Post:
        author = by or self.personas.editor
        accounts = kwargs.pop("accounts", None) or self.accounts
        return services.create_post(
            council=self.council,
            author=author.user,
            data=post_input(accounts, **kwargs),
            actor=actor(author),
        )

    def submitted(self, **kwargs: Any) -> Post:
        post = self.draft(**kwargs)
        services.submit_post(post=post, actor=actor(self.personas.editor))
        return post

    def approved(self, **kwargs: Any) -> Post:
        kwargs.setdefault("when", later())
        post = self.submitted(**kwargs)
        services.approve_post(post=post, actor=actor(self.personas.approver))
        return post


@pytest.fixture
def pub(personas: Personas) -> Pub:
    service = personas.record_of(personas.officer).service
    assert service is not None
    accounts = [
        connected_account(council=personas.council, service=service, name=name)
        for name in ("Wessex News", "Wessex Libraries", "Wessex Roads")
    ]
    return Pub(personas=personas, accounts=accounts)


def rule(account: SocialAccount, steps: int = 1, **people: list[User]) -> AccountPublishingRule:
    made = AccountPublishingRule.objects.create(account=account, approval_steps=steps)
    for name, users in people.items():
        getattr(made, name).set(users)
    return made


__all__ = ["SYSTEM", "Pub", "actor", "connected_account", "image", "later", "pub", "rule"]
