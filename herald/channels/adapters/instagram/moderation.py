"""Moderation on Instagram (business): hide or unhide a comment on the account's media
(``POST /{ig-comment-id}`` with ``hide``) or delete it (``DELETE /{ig-comment-id}``); both
answer ``{"success": true}``."""

from __future__ import annotations

from herald.channels.adapters.facebook.graph import GraphModeration


class InstagramModeration(GraphModeration):
    HIDE_FIELD = "hide"
