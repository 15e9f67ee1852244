"""Drafts the calendar makes (CSV import and recurring series), through publishing's one post
service, so they are checked, revisioned, audited and approved like any other post."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.publishing.models import Post
from herald.publishing.services.posts import MediaUse, PostInput, VariantInput, create_post

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.audit.services import Actor
    from herald.councils.models import Council
    from herald.publishing.models import Campaign, Recurrence

# The calendar's names for the post service's inputs.
VariantDraft = VariantInput

__all__ = ["MediaUse", "VariantDraft", "create_calendar_draft"]


def create_calendar_draft(
    *,
    council: Council,
    author: User,
    title: str,
    scheduled_for: datetime.datetime | None,
    variants: list[VariantDraft],
    actor: Actor,
    campaign: Campaign | None = None,
    category: str = Post.Category.GENERAL,
    recurrence: Recurrence | None = None,
) -> Post:
    """A new DRAFT post to ``variants``' accounts; it goes through approval like any other."""
    return create_post(
        council=council,
        author=author,
        data=PostInput(
            title=title,
            variants=tuple(variants),
            category=category,
            campaign=campaign,
            scheduled_for=scheduled_for,
            recurrence=recurrence,
        ),
        actor=actor,
    )
