"""Moderation on Instagram (business): hide or unhide a comment on the account's media
(``POST /{ig-comment-id}`` with ``hide``) or delete it (``DELETE /{ig-comment-id}``); both
answer ``{"success": true}``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection

if TYPE_CHECKING:
    from herald.channels.adapters.instagram.adapter import InstagramAdapter

    _Base = InstagramAdapter
else:
    _Base = object


class InstagramModeration(_Base):
    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._call(
            connection,
            "POST",
            self._url(connection, remote_id),
            what="hide comment",
            write=True,
            headers=self._auth(connection),
            json={"hide": hidden},
        )

    def delete_comment(self, connection: Connection, remote_id: str) -> None:
        self._call(
            connection,
            "DELETE",
            self._url(connection, remote_id),
            what="delete comment",
            write=True,
            headers=self._auth(connection),
            ok_statuses=(404,),
        )
