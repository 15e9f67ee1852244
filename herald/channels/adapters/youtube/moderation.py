"""Moderation on YouTube (Data API v3): the channel holds a comment back from public view
(``POST /youtube/v3/comments/setModerationStatus?id=...&moderationStatus=heldForReview``), lets
it back (``published``) or removes it (``rejected``); each answers 204 with no body. The channel
may moderate comments on its own videos only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection

if TYPE_CHECKING:
    from herald.channels.adapters.youtube.adapter import YouTubeAdapter

    _Base = YouTubeAdapter
else:
    _Base = object


class YouTubeModeration(_Base):
    def _moderate(self, connection: Connection, remote_id: str, status: str) -> None:
        self._call(
            connection,
            "POST",
            self._url(connection, "/youtube/v3/comments/setModerationStatus"),
            what="moderate comment",
            write=True,
            headers=self._auth(connection),
            params={"id": remote_id, "moderationStatus": status},
        )
        self._spend(50)

    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._moderate(connection, remote_id, "heldForReview" if hidden else "published")

    def delete_comment(self, connection: Connection, remote_id: str) -> None:
        self._moderate(connection, remote_id, "rejected")
