"""Moderation on a Facebook Page: hide or unhide a comment (``POST /{comment-id}`` with
``is_hidden``) or delete it (``DELETE /{comment-id}``); both answer ``{"success": true}``. The
Page may moderate comments on its own posts only."""

from __future__ import annotations

from herald.channels.adapters.facebook.graph import GraphModeration


class FacebookModeration(GraphModeration):
    HIDE_FIELD = "is_hidden"
