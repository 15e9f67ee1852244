"""Reading connections: which accounts Herald can publish to, and why not when it cannot."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.utils import timezone

from herald.channels.models import ChannelConnection
from herald.estate.connections import ConnectionHealth

if TYPE_CHECKING:
    from herald.councils.models import Council

S = ChannelConnection.Status
# Credential keys that let Herald renew access without a person.
REFRESHABLE_KEYS = frozenset({"refresh_token", "refreshJwt", "app_password"})


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


def connections_list(*, council: Council) -> list[ChannelConnection]:
    """Every connection of the council, with its account, newest network first by name."""
    return list(
        ChannelConnection.objects.filter(council=council)
        .select_related("account")
        .order_by("account__name")
    )


def connection_in(*, council: Council, public_id: UUID | str) -> ChannelConnection | None:
    return (
        ChannelConnection.objects.filter(council=council, public_id=public_id)
        .select_related("account")
        .first()
    )


def can_refresh_alone(connection: ChannelConnection) -> bool:
    """Whether Herald can renew the credentials without a person (a refresh token, an app
    password), so an expiring access token is not yet a problem."""
    creds = connection.credentials.reveal() if connection.credentials else {}
    return bool(REFRESHABLE_KEYS & set(creds or {}))


def estate_health(council: Council, account_ids: Iterable[int]) -> dict[int, ConnectionHealth]:
    """The provider registered with ``herald.estate.connections``: housekeeping raises a finding
    for a connection failing, or whose credentials expire soon (before it breaks publishing)."""
    health = {}
    for connection in ChannelConnection.objects.filter(
        council=council, account_id__in=list(account_ids)
    ).exclude(status=S.DISCONNECTED):
        expires: datetime.date | None
        if connection.status == S.EXPIRED:
            expires = timezone.localdate()
        elif can_refresh_alone(connection):
            expires = (
                timezone.localdate(connection.refresh_expires_at)
                if connection.refresh_expires_at
                else None
            )
        else:
            expires = (
                timezone.localdate(connection.token_expires_at)
                if connection.token_expires_at
                else None
            )
        health[connection.account_id] = ConnectionHealth(
            connected=True,
            failing_since=connection.failing_since,
            expires_on=expires,
            last_error=connection.last_error[:300],
        )
    return health
