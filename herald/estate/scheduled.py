"""The seam for posts queued to an account, so closing one can warn about them.

Publishing does not exist yet. When it does, it registers a provider here (it sits above the
estate, so it may import this module; the estate must never import it). With no provider
registered an account has no scheduled posts, which is the truth today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.estate.models import SocialAccount


@dataclass(frozen=True)
class ScheduledPost:
    summary: str
    scheduled_for: datetime.datetime


Provider = Callable[["SocialAccount"], list[ScheduledPost]]
_providers: list[Provider] = []


def register_provider(provider: Provider) -> None:
    """Called once by a context that schedules posts (publishing) when its app is ready."""
    if provider not in _providers:
        _providers.append(provider)


def unregister_provider(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def scheduled_posts(account: SocialAccount) -> list[ScheduledPost]:
    """Every post queued to go out on ``account``, soonest first, from every provider."""
    posts = [post for provider in _providers for post in provider(account)]
    return sorted(posts, key=lambda post: post.scheduled_for)
