"""What the network management commands share: finding the council they act for."""

from __future__ import annotations

from django.core.management.base import CommandError

from herald.councils.models import Council
from herald.councils.selectors import council_by_slug


def council_for(slug: str | None, *, required: bool = True) -> Council | None:
    if slug:
        council = council_by_slug(slug=slug)
        if council is None:
            raise CommandError(f"No active council has the slug {slug!r}")
        return council
    councils = list(Council.objects.filter(is_active=True)[:2])
    if len(councils) == 1:
        return councils[0]
    if required:
        raise CommandError("Say which council with --council SLUG")
    return None
