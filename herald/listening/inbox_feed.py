"""What the inbox collects from listening: mentions addressed to one of the council's accounts
(comments, replies, mentions, direct messages), in id order after the inbox's cursor."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.listening.models import Mention

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from herald.councils.models import Council

INBOX_KINDS = ("comment", "reply", "mention", "message")


def mentions_for_inbox(*, council: Council, after_id: int, limit: int) -> QuerySet[Mention]:
    """The next ``limit`` mentions for ``council``'s inbox with an id above ``after_id``; only
    those with an account set (what was said to the council, not merely about it)."""
    return (
        Mention.objects.filter(
            council=council, id__gt=after_id, account__isnull=False, kind__in=INBOX_KINDS
        )
        .select_related("account")
        .order_by("id")[:limit]
    )


def deleted_mention_ids(*, council: Council, since: datetime.datetime) -> list[int]:
    """Ids of the council's inbox mentions found deleted on the network since ``since``."""
    return list(
        Mention.objects.filter(
            council=council, account__isnull=False, deleted_on_network_at__gte=since
        ).values_list("id", flat=True)
    )
