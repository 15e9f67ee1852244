from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from herald.councils.context import CouncilContext
from herald.councils.context_cache import cached_context, remember_context
from herald.councils.selectors import council_context, memberships_for_user

SESSION_KEY = "herald_council_id"
# How many councils the person could choose from when they last chose (or were given) one.
COUNT_SESSION_KEY = "herald_council_count"


class CouncilMiddleware:
    """Sets ``request.council`` and ``request.council_context`` for a signed-in member.

    A person in one council works there; a person in several works in the one they chose
    (kept in the session). Views that need a council use ``council_required``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = _resolve(request)
        request.council_context = context  # type: ignore[attr-defined]
        request.council = context.council if context else None  # type: ignore[attr-defined]
        request.can_switch_council = request.session.get(COUNT_SESSION_KEY, 2) > 1  # type: ignore[attr-defined]
        return self.get_response(request)


def _resolve(request: HttpRequest) -> CouncilContext | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        cached = cached_context(user=user, council_id=chosen)
        if cached is not None:
            return cached
    memberships = memberships_for_user(user=user)
    if chosen is not None:
        membership = memberships.filter(council_id=chosen).first()
        if membership is not None:
            membership.user = user  # already loaded by the authentication middleware
            context = council_context(membership=membership)
            remember_context(user=user, context=context)
            return context
    candidates = list(memberships[:2])
    if len(candidates) == 1:
        candidates[0].user = user
        # Remember it, so later requests look up just this one membership.
        request.session[SESSION_KEY] = candidates[0].council_id
        request.session[COUNT_SESSION_KEY] = 1
        context = council_context(membership=candidates[0])
        remember_context(user=user, context=context)
        return context
    return None
