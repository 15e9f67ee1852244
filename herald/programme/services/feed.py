"""Read-only tokens for the CSV feed (Power BI): shown once, kept encrypted, found by digest,
revocable."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.programme.models import FeedToken

if TYPE_CHECKING:
    from herald.councils.models import Council

PREFIX = "hpf_"


class BadToken(DomainError):
    code = "bad_token"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def create_feed_token(*, council: Council, label: str, actor: Actor) -> tuple[FeedToken, str]:
    """A new token; the plain text is returned once, for the person to copy into Power BI."""
    if not label.strip():
        raise BadToken("Enter what the token is for.")
    text = PREFIX + secrets.token_urlsafe(32)
    token = FeedToken.objects.create(
        council=council,
        label=label.strip(),
        digest=_digest(text),
        token=text,
        created_by=actor.user,
    )
    record(
        council=council,
        actor=actor,
        action="programme.feed_token_created",
        target=token,
        summary=f"Created a CSV feed token: {token.label}",
    )
    return token, text


@transaction.atomic
def revoke_feed_token(*, token: FeedToken, actor: Actor) -> FeedToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        record(
            council=token.council,
            actor=actor,
            action="programme.feed_token_revoked",
            target=token,
            summary=f"Revoked the CSV feed token: {token.label}",
        )
    return token


def council_for_token(text: str) -> Council | None:
    """The council a live token reads, or None; its last use is noted."""
    if not text.startswith(PREFIX):
        return None
    token = (
        FeedToken.objects.select_related("council")
        .filter(digest=_digest(text), revoked_at__isnull=True, council__is_active=True)
        .first()
    )
    if token is None:
        return None
    FeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.council
