"""INTERIM: creating a draft post for the calendar (CSV import and recurring series).

Publishing's own post service (``herald.publishing.services.posts``, written by the composer's
branch in parallel) is the one way posts should be created. Until it is merged this minimal
function creates exactly what a new draft is made of: the Post in DRAFT, one PostVariant per
account (with copies of any media uses), revision 1 on the record, the first status history row
(``start_history``) and an audit event. When merging, switch ``create_calendar_draft``'s callers
to the post service and delete this module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from herald.audit.services import Actor, record
from herald.core.transitions import start_history
from herald.publishing.models import (
    Campaign,
    Post,
    PostRevision,
    PostStatusChange,
    PostVariant,
    Recurrence,
    VariantMedia,
)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount
    from herald.publishing.models import MediaItem


@dataclass(frozen=True)
class MediaUse:
    item: MediaItem
    alt_text: str = ""


@dataclass(frozen=True)
class VariantDraft:
    account: SocialAccount
    text: str
    link: str = ""
    first_comment: str = ""
    video_title: str = ""
    media: tuple[MediaUse, ...] = field(default=())


def revision_content(post: Post, variants: list[VariantDraft]) -> dict[str, object]:
    return {
        "title": post.title,
        "category": post.category,
        "scheduled_for": post.scheduled_for.isoformat() if post.scheduled_for else None,
        "campaign": str(post.campaign.public_id) if post.campaign else None,
        "variants": [
            {
                "account": str(v.account.public_id),
                "text": v.text,
                "link": v.link,
                "first_comment": v.first_comment,
                "video_title": v.video_title,
                "media": [{"item": str(m.item.public_id), "alt_text": m.alt_text} for m in v.media],
            }
            for v in variants
        ],
    }


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
    note: str = "",
) -> Post:
    """A new DRAFT post to ``variants``' accounts; it goes through approval like any other."""
    with transaction.atomic():
        post = Post.objects.create(
            council=council,
            author=author,
            title=title,
            category=category,
            campaign=campaign,
            recurrence=recurrence,
            scheduled_for=scheduled_for,
            status=Post.Status.DRAFT,
        )
        for spec in variants:
            variant = PostVariant.objects.create(
                post=post,
                account=spec.account,
                text=spec.text,
                link=spec.link,
                first_comment=spec.first_comment,
                video_title=spec.video_title,
            )
            VariantMedia.objects.bulk_create(
                VariantMedia(variant=variant, item=use.item, position=n, alt_text=use.alt_text)
                for n, use in enumerate(spec.media, start=1)
            )
        PostRevision.objects.create(
            post=post, number=1, content=revision_content(post, variants), editor=author
        )
        start_history(
            obj=post,
            history=PostStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note,
        )
        record(
            council=council,
            actor=actor,
            action="publishing.post_drafted",
            summary=f"Drafted {post.title}" + (f" ({note})" if note else ""),
            target=post,
        )
    return post
