"""Moderation on a Facebook Page: hide or unhide a comment (``POST /{comment-id}`` with
``is_hidden``) or delete it (``DELETE /{comment-id}``); both answer ``{"success": true}``. The
Page may moderate comments on its own posts only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection

if TYPE_CHECKING:
    from herald.channels.adapters.facebook.adapter import FacebookPageAdapter

    _Base = FacebookPageAdapter
else:
    _Base = object


class FacebookModeration(_Base):
    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._call(
            connection,
            "POST",
            self._url(connection, remote_id),
            what="hide comment",
            write=True,
            headers=self._auth(connection),
            json={"is_hidden": hidden},
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
