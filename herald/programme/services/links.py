"""Tracked short links to service pages (take-up, report ¶17): a click is counted a day, and
nothing about who clicked is kept (no address, agent or cookie)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.programme.models import LinkClickDay, ShortLink

if TYPE_CHECKING:
    from herald.councils.models import Council, Service

# No 0/O, 1/l/I: the code may be read aloud or typed from a poster.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 7


class BadLink(DomainError):
    code = "bad_link"


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def create_link(
    *,
    council: Council,
    target_url: str,
    label: str,
    actor: Actor,
    service: Service | None = None,
) -> ShortLink:
    """A new short link to an http(s) page; the code is random, so links cannot be guessed."""
    parts = urlsplit(target_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadLink("Enter the full address of the page, starting https://")
    if service is not None and service.council_id != council.pk:
        raise BadLink("Choose one of this council's services.")
    for _ in range(5):
        code = _new_code()
        if not ShortLink.objects.filter(code=code).exists():
            break
    link = ShortLink.objects.create(
        council=council,
        code=code,
        target_url=target_url.strip(),
        label=label.strip(),
        service=service,
        created_by=actor.user,
    )
    record(
        council=council,
        actor=actor,
        action="programme.link_created",
        target=link,
        summary=f"Created the short link /l/{code} to {link.target_url}",
    )
    return link


@transaction.atomic
def deactivate_link(*, link: ShortLink, actor: Actor) -> ShortLink:
    """Stop a link redirecting (it then shows 'not found'); its counts are kept."""
    link.is_active = False
    link.save(update_fields=["is_active", "updated_at"])
    record(
        council=link.council,
        actor=actor,
        action="programme.link_deactivated",
        target=link,
        summary=f"Stopped the short link /l/{link.code}",
    )
    return link


def record_click(*, link: ShortLink) -> None:
    """Add one to today's count: an UPDATE, or the day's first row (a racing twin retries)."""
    today = timezone.localdate()
    for _ in range(2):
        if LinkClickDay.objects.filter(link=link, day=today).update(clicks=F("clicks") + 1):
            return
        try:
            with transaction.atomic():
                LinkClickDay.objects.create(link=link, day=today, clicks=1)
            return
        except IntegrityError:
            continue
