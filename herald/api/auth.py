"""Bearer-token authentication. A token fixes the council and the one role the caller acts in."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from herald.accounts.models import User
from herald.api.models import ApiToken, hash_token
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.councils.selectors import council_context


@dataclass(frozen=True)
class TokenAuth:
    """What ``request.auth`` holds: the token and the context it acts in (its role only)."""

    token: ApiToken
    context: CouncilContext

    @property
    def role(self) -> Role:
        return Role(self.token.role)


class CouncilTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, TokenAuth] | None:
        header = get_authorization_header(request).split()
        if not header:
            return None
        if len(header) != 2 or header[0].decode(errors="replace").lower() != "bearer":
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'.",
                code="bad_authorization_header",
            )
        token = (
            ApiToken.objects.usable()
            .select_related("council", "membership__user", "membership__staff_member")
            .filter(token_hash=hash_token(header[1].decode(errors="replace")))
            .first()
        )
        if token is None or not token.membership.user.is_active:
            raise exceptions.AuthenticationFailed("The token is not valid.", code="invalid_token")
        context = _context_for(token)
        _note_use(token)
        return token.membership.user, TokenAuth(token=token, context=context)

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


def _context_for(token: ApiToken) -> CouncilContext:
    # Roles are checked on every request, not only when the token is issued: revoking someone's
    # HR role (or their last direct report leaving) must stop their HR or line-manager token too.
    held = council_context(membership=token.membership)
    role = Role(token.role)
    if role not in held.roles:
        raise exceptions.AuthenticationFailed(
            f"The token's member no longer holds the role '{role.label}'.",
            code="token_role_not_held",
        )
    return CouncilContext(council=held.council, membership=held.membership, roles=frozenset({role}))


def _note_use(token: ApiToken) -> None:
    # Write last_used_at at most once a minute: a busy integration should not write per call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.council.api_tokens.filter(pk=token.pk).update(last_used_at=now)


def token_auth(request: Request) -> TokenAuth:
    """The caller's token and context; views behind ``HasCouncilToken`` always have one."""
    auth = request.auth
    if not isinstance(auth, TokenAuth):
        raise exceptions.NotAuthenticated()
    return auth
