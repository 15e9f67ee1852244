"""Connections: connect an account with its credentials (encrypted at rest, never shown, logged or
audited), disconnect it, refresh its credentials, check its health. Every connect and disconnect
is audited (without the secrets)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.channels import clients, selectors
from herald.channels.adapters.base import AdapterError, Connection, Refreshed
from herald.channels.models import ChannelConnection
from herald.channels.sandbox import service as sandbox
from herald.core.errors import DomainError
from herald.core.secrets import Secret

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

S = ChannelConnection.Status

# What a person enters to connect each network (the Sandbox needs nothing: Herald is the network).
NETWORKS: dict[str, str] = {
    "sandbox": "Sandbox (Herald's own local network)",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
}
REFRESHABLE_KEYS = selectors.REFRESHABLE_KEYS


class ConnectionInvalid(DomainError):
    code = "connection_invalid"


def sandbox_handle(account: SocialAccount) -> str:
    handle = re.sub(r"[^a-z0-9]+", "-", account.handle.lower().split("@")[0]).strip("-")
    return f"{handle or 'account'}-{account.public_id.hex[:6]}"


def as_connection(connection: ChannelConnection) -> Connection:
    """The plain data an adapter is given (credentials decrypted: never log it)."""
    creds = connection.credentials.reveal() if isinstance(connection.credentials, Secret) else {}
    return Connection(
        network=connection.network,
        external_id=connection.external_id,
        base_url=connection.base_url,
        credentials=dict(creds or {}),
        handle=connection.external_id,
    )


def connect(
    *,
    council: Council,
    account: SocialAccount,
    network: str,
    actor: Actor,
    credentials: dict[str, Any] | None = None,
    external_id: str = "",
    base_url: str = "",
    token_expires_at: datetime.datetime | None = None,
) -> ChannelConnection:
    """Connect ``account`` (or reconnect it) to ``network`` with ``credentials``."""
    if account.council_id != council.pk:
        raise ConnectionInvalid("That account is not in this council's register.")
    if network not in NETWORKS:
        raise ConnectionInvalid("Herald cannot connect to that network yet.")
    credentials = dict(credentials or {})
    if network == "sandbox":
        handle = sandbox_handle(account)
        sandbox_account = sandbox.ensure_account(handle=handle, display_name=account.name)
        tokens = sandbox.issue_tokens(sandbox_account)
        credentials = {"access_token": tokens.access_token, "refresh_token": tokens.refresh_token}
        external_id, base_url, token_expires_at = handle, "", tokens.expires_at
    elif network == "mastodon":
        if not credentials.get("access_token") or not base_url or not external_id:
            raise ConnectionInvalid(
                "Enter the Mastodon server's address, the account id and an access token."
            )
    elif network == "bluesky":
        if not credentials.get("app_password") or not external_id:
            raise ConnectionInvalid("Enter the Bluesky handle or DID and an app password.")
        base_url = base_url or "https://bsky.social"
    now = timezone.now()
    with transaction.atomic():
        existing = ChannelConnection.objects.select_for_update().filter(account=account).first()
        fields = {
            "network": network,
            "external_id": external_id,
            "base_url": base_url,
            "credentials": Secret(credentials),
            "token_expires_at": token_expires_at,
            "refresh_expires_at": None,
            "status": S.CONNECTED,
            "failing_since": None,
            "last_error": "",
            "rate_limited_until": None,
            "connected_by": actor.user,
            "disconnected_at": None,
        }
        if existing is None:
            made = ChannelConnection.objects.create(council=council, account=account, **fields)
            action = "channels.connect"
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            made, action = existing, "channels.reconnect"
        record(
            council=council,
            actor=actor,
            action=action,
            summary=f"Connected {account.name} to {NETWORKS[network]}",
            target=made,
            # Never the credentials: only which keys were given.
            changes={
                "network": network,
                "external_id": external_id,
                "credential_fields": sorted(credentials),
                "connected_at": now.isoformat(),
            },
        )
    return made


def disconnect(*, connection: ChannelConnection, actor: Actor) -> ChannelConnection:
    """Herald stops publishing to the account and forgets its credentials."""
    if connection.status == S.DISCONNECTED:
        raise ConnectionInvalid("That account is already disconnected.")
    with transaction.atomic():
        ChannelConnection.objects.filter(pk=connection.pk).update(
            status=S.DISCONNECTED,
            credentials=None,
            disconnected_at=timezone.now(),
            updated_at=timezone.now(),
        )
        connection.refresh_from_db()
        record(
            council=connection.council,
            actor=actor,
            action="channels.disconnect",
            summary=f"Disconnected {connection.account.name} from {connection.network}",
            target=connection,
            changes={"status": [S.CONNECTED, S.DISCONNECTED]},
        )
    return connection


def store_refreshed(*, connection: ChannelConnection, refreshed: Refreshed) -> None:
    """Keep new credentials from a refresh (encrypted), and the connection working again."""
    before = connection.credentials.reveal() if connection.credentials else {}
    merged = {**dict(before or {}), **refreshed.credentials}
    ChannelConnection.objects.filter(pk=connection.pk).update(
        credentials=Secret(merged),
        token_expires_at=refreshed.expires_at,
        refresh_expires_at=refreshed.refresh_expires_at or connection.refresh_expires_at,
        status=S.CONNECTED,
        failing_since=None,
        last_error="",
        updated_at=timezone.now(),
    )
    connection.refresh_from_db()


def refresh(*, connection: ChannelConnection, actor: Actor = SYSTEM) -> bool:
    """Ask the network for new credentials once. False (and the connection EXPIRED) if it said
    no: a person has to reconnect it."""
    adapter = clients.adapter(connection.network, base_url=connection.base_url)
    try:
        refreshed = adapter.refresh(as_connection(connection))
    except AdapterError as error:
        mark_expired(connection=connection, detail=error.detail, actor=actor)
        return False
    store_refreshed(connection=connection, refreshed=refreshed)
    return True


def mark_expired(*, connection: ChannelConnection, detail: str, actor: Actor = SYSTEM) -> None:
    with transaction.atomic():
        updated = (
            ChannelConnection.objects.filter(pk=connection.pk)
            .exclude(status__in=[S.EXPIRED, S.DISCONNECTED])
            .update(
                status=S.EXPIRED,
                last_error=detail[:1000],
                failing_since=connection.failing_since or timezone.now(),
                updated_at=timezone.now(),
            )
        )
        if updated:
            record(
                council=connection.council,
                actor=actor,
                action="channels.expired",
                summary=f"{connection.account.name}'s connection needs reconnecting",
                target=connection,
                changes={"status": [connection.status, S.EXPIRED], "detail": detail[:300]},
            )
    connection.refresh_from_db()


def rate_limited(*, connection_id: int, until: datetime.datetime) -> None:
    """No calls to this connection's network before ``until`` (only ever moves later)."""
    ChannelConnection.objects.filter(pk=connection_id).exclude(
        rate_limited_until__gte=until
    ).update(rate_limited_until=until)


def check_health(*, connection: ChannelConnection, now: datetime.datetime | None = None) -> bool:
    """Ask the network whether the credentials work; record how it went. True if healthy."""
    now = now or timezone.now()
    if connection.status == S.DISCONNECTED:
        return False
    adapter = clients.adapter(connection.network, base_url=connection.base_url)
    try:
        health = adapter.health(as_connection(connection))
    except AdapterError as error:
        ok, detail, expires = False, error.detail, None
    else:
        ok, detail, expires = health.ok, health.detail, health.expires_at
    fields: dict[str, Any] = {"last_checked_at": now, "updated_at": now}
    if expires is not None:
        fields["token_expires_at"] = expires
    if ok:
        fields.update(failing_since=None, last_error="")
        if connection.status == S.FAILING:
            fields["status"] = S.CONNECTED
    else:
        fields.update(
            failing_since=connection.failing_since or now,
            last_error=detail[:1000] or "The network did not accept the credentials.",
        )
        if connection.status == S.CONNECTED:
            fields["status"] = S.FAILING
    ChannelConnection.objects.filter(pk=connection.pk).update(**fields)
    return ok


def check_all(*, councils: Iterable[int] | None = None) -> dict[str, int]:
    connections = ChannelConnection.objects.exclude(status=S.DISCONNECTED).select_related(
        "account", "council"
    )
    if councils is not None:
        connections = connections.filter(council_id__in=list(councils))
    counts = {"checked": 0, "failing": 0}
    for connection in connections:
        counts["checked"] += 1
        if not check_health(connection=connection):
            counts["failing"] += 1
    return counts
