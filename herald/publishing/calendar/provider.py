"""Publishing's answer to the estate's scheduled-posts seam (``herald.estate.scheduled``): the
posts queued to go out on an account, so closing it warns about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from herald.estate.scheduled import ScheduledPost
from herald.publishing.calendar import dates
from herald.publishing.calendar.selectors import QUEUED
from herald.publishing.models import Post

if TYPE_CHECKING:
    from herald.estate.models import SocialAccount


def queued_posts(account: SocialAccount) -> list[ScheduledPost]:
    """Approved, scheduled or held posts to ``account`` with a time still to come."""
    posts = Post.objects.filter(
        council_id=account.council_id,
        variants__account=account,
        status__in=QUEUED,
        scheduled_for__gt=timezone.now(),
    ).order_by("scheduled_for", "id")
    found = []
    for post in posts.only("title", "status", "scheduled_for"):
        if post.scheduled_for is None:  # pragma: no cover - the filter excludes it
            continue
        when = dates.local(post.scheduled_for)
        found.append(
            ScheduledPost(
                summary=f"{post.title} ({post.get_status_display().lower()}, "
                f"{when:%-d %B %Y at %H:%M})",
                scheduled_for=post.scheduled_for,
            )
        )
    return found
