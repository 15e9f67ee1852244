"""Test and benchmark helpers for delivery: scheduled posts made directly in the outbox's terms
(pubflow's composer makes them in the product; these skip drafting and approval)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from herald.core.transitions import start_history
from herald.publishing.delivery import outbox
from herald.publishing.models import (
    Delivery,
    DeliveryStatusChange,
    Post,
    PostStatusChange,
    PostVariant,
)

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount


def scheduled_post(
    *,
    council: Council,
    author: User,
    accounts: Sequence[SocialAccount],
    due_at: datetime.datetime,
    text: str = "Library opening hours change on Monday",
    first_comment: str = "",
    title: str = "",
    category: str = Post.Category.GENERAL,
) -> Post:
    """A post SCHEDULED for ``due_at`` to ``accounts``, with a pending delivery for each."""
    post = Post.objects.create(
        council=council,
        author=author,
        title=title or text[:60],
        category=category,
        status=Post.Status.SCHEDULED,
        scheduled_for=due_at,
    )
    start_history(obj=post, history=PostStatusChange, actor_user=None, actor_label="test")
    for account in accounts:
        PostVariant.objects.create(
            post=post,
            account=account,
            text=f"{text} ({account.handle})",
            first_comment=first_comment,
        )
    outbox.enqueue_post(post=post, due_at=due_at, actor_user=None, actor_label="test")
    return post


def bulk_scheduled_posts(
    *,
    council: Council,
    author: User,
    plan: Sequence[tuple[SocialAccount, datetime.datetime, str]],
) -> list[Post]:
    """Many single-account scheduled posts at once (account, due time, text each), in the same
    shape ``scheduled_post`` and the outbox make them, with a few INSERTs (for the reliability
    test and the benchmark)."""
    posts = Post.objects.bulk_create(
        Post(
            council=council,
            author=author,
            title=text[:60],
            status=Post.Status.SCHEDULED,
            scheduled_for=due_at,
        )
        for _, due_at, text in plan
    )
    PostStatusChange.objects.bulk_create(
        PostStatusChange(post=post, from_status="", to_status=post.status, actor_label="test")
        for post in posts
    )
    variants = PostVariant.objects.bulk_create(
        PostVariant(post=post, account=account, text=text)
        for post, (account, _, text) in zip(posts, plan, strict=True)
    )
    deliveries = Delivery.objects.bulk_create(
        Delivery(
            council=council,
            variant=variant,
            account=account,
            status=Delivery.Status.PENDING,
            due_at=due_at,
            next_attempt_at=due_at,
        )
        for variant, (account, due_at, _) in zip(variants, plan, strict=True)
    )
    DeliveryStatusChange.objects.bulk_create(
        DeliveryStatusChange(
            delivery=delivery, from_status="", to_status=delivery.status, actor_label="test"
        )
        for delivery in deliveries
    )
    return posts
