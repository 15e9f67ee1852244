"""Reading connections: which accounts Herald can publish to, and why not when it cannot."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.channels.models import ChannelConnection

if TYPE_CHECKING:
    from herald.councils.models import Council

S = ChannelConnection.Status


def connections_for(
    *, council: Council, account_ids: Iterable[int]
) -> dict[int, ChannelConnection]:
    """Each account's connection (any status), by account id."""
    return {
        connection.account_id: connection
        for connection in ChannelConnection.objects.filter(
            council=council, account_id__in=list(account_ids)
        )
    }


def cannot_publish_reason(connection: ChannelConnection | None) -> str | None:
    """Why a post cannot be scheduled to this connection's account, or None if it can."""
    if connection is None or connection.status == S.DISCONNECTED:
        return "is not connected to Herald"
    if connection.status == S.EXPIRED:
        return "needs reconnecting: its credentials have expired"
    now = timezone.now()
    token_expired = connection.token_expires_at is not None and connection.token_expires_at <= now
    can_refresh = connection.refresh_expires_at is not None and connection.refresh_expires_at > now
    if token_expired and not can_refresh:
        return "needs reconnecting: its credentials have expired"
    return None
