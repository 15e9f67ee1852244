"""Moderation on the Sandbox network: the account hides (or unhides) or deletes a comment under
its own posts. Either way the network keeps the row, as Herald keeps its own copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection, Permanent

if TYPE_CHECKING:
    from herald.channels.adapters.sandbox import SandboxAdapter

    _Base = SandboxAdapter
else:
    _Base = object


class SandboxModeration(_Base):
    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._call(
            connection,
            "POST",
            "comments",
            remote_id,
            "hide",
            write=True,
            what="Hiding a comment",
            json={"hidden": hidden},
        )

    def delete_comment(self, connection: Connection, remote_id: str) -> None:
        try:
            self._call(
                connection, "DELETE", "comments", remote_id, write=True, what="Deleting a comment"
            )
        except Permanent as error:
            if error.http_status != 404:  # already gone counts as deleted
                raise
