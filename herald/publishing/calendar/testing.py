"""Test helpers for the calendar: posts in any status, made the way the calendar makes drafts.

Statuses other than DRAFT are set directly here (the composer's approval services are another
branch's); tests of the calendar only need posts to be in a status at a time."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.audit.services import SYSTEM
from herald.publishing.calendar.drafts import VariantDraft, create_calendar_draft
from herald.publishing.models import Campaign, Post

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount


def make_post(
    *,
    council: Council,
    author: User,
    accounts: list[SocialAccount],
    at: datetime.datetime | None,
    status: str = Post.Status.SCHEDULED,
    title: str = "A post",
    campaign: Campaign | None = None,
) -> Post:
    post = create_calendar_draft(
        council=council,
        author=author,
        title=title,
        scheduled_for=at,
        variants=[VariantDraft(account=a, text=f"{title} on {a.handle}") for a in accounts],
        campaign=campaign,
        actor=SYSTEM,
    )
    if status != Post.Status.DRAFT:
        published = at if status == Post.Status.PUBLISHED else None
        Post.objects.filter(pk=post.pk).update(status=status, published_at=published)
        post.refresh_from_db()
    return post
