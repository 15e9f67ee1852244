"""Bearer-token authentication. A token fixes the council and the role the caller acts in."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from herald.api.models import ApiToken, hash_token


class CouncilTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].decode().lower() != self.keyword.lower() or len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer <token>'.",
                code="bad_authorization_header",
            )
        raw = header[1].decode(errors="replace")
        token = (
            ApiToken.objects.usable()
            .select_related("council", "membership__user", "membership__staff_member")
            .filter(token_hash=hash_token(raw))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid.", code="invalid_token")
        # Write last_used_at at most once a minute: a busy integration should not write per call.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.membership.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
