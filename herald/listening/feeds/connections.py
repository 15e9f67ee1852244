"""Comments and replies on the council's own posts, and messages to its accounts, read through
the connected account's channel adapter (``herald.channels.listening``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from herald.channels.adapters.base import Permanent
from herald.channels.listening import listener_for
from herald.channels.services import as_connection

if TYPE_CHECKING:
    from herald.channels.adapters.base import IncomingItem
    from herald.listening.models import Source


class ConnectionFeed:
    def poll(
        self, source: Source, *, cursor: dict[str, Any], limit: int
    ) -> tuple[list[IncomingItem], dict[str, Any]]:
        connection = source.connection
        if connection is None:
            raise Permanent("The source has no connected account to read comments from")
        if connection.disconnected_at is not None:
            raise Permanent(f"The {connection.network} account was disconnected")
        listener = listener_for(connection.network, base_url=connection.base_url)
        return listener.incoming(as_connection(connection), cursor=cursor, limit=limit)
