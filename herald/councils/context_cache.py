"""A short-lived cache of each person's council context, cleared by every change to tenancy.

Working out who someone is in a council (membership, granted roles, whether they manage anyone)
is a query on every request. The answer changes only when a service changes memberships, roles
or the staff tree, and each of those services calls :func:`tenancy_changed`, which gives the
council a new version so every cached context for it is ignored from then on. The one change no
service makes is a report's leaving date arriving; ``CONTEXT_SECONDS`` bounds how long a manager
keeps the derived line manager role after that.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, cast

from django.core.cache import cache

from herald.councils.context import CouncilContext

if TYPE_CHECKING:
    from herald.accounts.models import User

CONTEXT_SECONDS = 300


def _version_key(council_id: int) -> str:
    return f"herald:councils:version:{council_id}"


def _council_version(council_id: int) -> str:
    version = cache.get(_version_key(council_id))
    if version is None:
        version = uuid.uuid4().hex
        # add() so two requests starting a version at once agree on it.
        if not cache.add(_version_key(council_id), version, None):
            version = cache.get(_version_key(council_id)) or version
    return cast("str", version)


def _context_key(*, user: User, council_id: int) -> str:
    # The user's public id, not their row id: ids can be reused, public ids never are.
    return f"herald:councils:context:{council_id}:{user.public_id}:{_council_version(council_id)}"


def cached_context(*, user: User, council_id: int) -> CouncilContext | None:
    context = cache.get(_context_key(user=user, council_id=council_id))
    if context is None:
        return None
    context.membership.user = user  # the signed-in user, not a copy from the cache
    return cast("CouncilContext", context)


def remember_context(*, user: User, context: CouncilContext) -> None:
    key = _context_key(user=user, council_id=context.council.pk)
    # Keep the user (and their password hash) out of the cache; it is put back on the way out.
    loaded = context.membership._state.fields_cache
    signed_in = loaded.pop("user", None)
    try:
        cache.set(key, context, CONTEXT_SECONDS)
    finally:
        if signed_in is not None:
            loaded["user"] = signed_in


def tenancy_changed(*, council_id: int) -> None:
    """Forget every cached context in a council: call after any change to members, roles or staff."""
    cache.set(_version_key(council_id), uuid.uuid4().hex, None)
