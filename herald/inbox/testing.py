"""Helpers for the inbox's tests, demo and benchmark: mentions as listening stores them, made
directly (the sources that really hear them are listening's business)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.listening.models import Mention, Source

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

_numbers = itertools.count(1)


def fixture_source(council: Council) -> Source:
    """The source fixtures come from (a Sandbox source, paused: nothing polls it)."""
    source, _ = Source.objects.get_or_create(
        council=council,
        kind=Source.Kind.SANDBOX,
        name="Inbox fixtures",
        defaults={"status": Source.Status.PAUSED},
    )
    return source


def make_mention(
    *, council: Council, account: SocialAccount | None, text: str, **fields: Any
) -> Mention:
    """A mention addressed to ``account`` (a comment by default), as listening would store it."""
    n = next(_numbers)
    values: dict[str, Any] = {
        "council": council,
        "source": fixture_source(council),
        "network": account.network if account is not None else "sandbox",
        "remote_id": f"fixture-{n}-{timezone.now().timestamp()}",
        "author_handle": f"@resident{n}",
        "author_name": "",
        "text": text,
        "posted_at": timezone.now(),
        "thread_key": f"thread-{n}",
        "account": account,
        "kind": "comment",
        "duplicate_key": f"{n:040d}"[-40:],
    }
    values |= fields
    return Mention.objects.create(**values)
