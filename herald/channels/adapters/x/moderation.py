"""Moderation on X (API v2): the account may hide or unhide replies to its own posts
(``PUT /2/tweets/{id}/hidden`` with ``hidden``; the answer is ``{"data": {"hidden": true}}``).
X does not let an account delete another person's post, so ``delete_comment`` refuses: the
inbox records the decision and says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.channels.adapters.base import Connection, Permanent

if TYPE_CHECKING:
    from herald.channels.adapters.x.adapter import XAdapter

    _Base = XAdapter
else:
    _Base = object


class XModeration(_Base):
    def hide(self, connection: Connection, remote_id: str, *, hidden: bool = True) -> None:
        self._call(
            connection,
            "PUT",
            self._url(connection, f"/2/tweets/{remote_id}/hidden"),
            what="hide reply",
            write=True,
            headers=self._auth(connection),
            json={"hidden": hidden},
        )

    def delete_comment(self, connection: Connection, remote_id: str) -> None:
        raise Permanent("X does not let an account delete another person's reply: hide it instead")
