"""Username and password sign-in with throttling by username and by IP address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from herald.accounts.models import User
from herald.accounts.signin import current_lockout, record_failed_sign_in


class SignInThrottled(PermissionDenied):
    """Too many failed sign-ins for this username or from this address; try again later."""


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind the production proxy REMOTE_ADDR is the proxy; gunicorn's forwarded-allow-ips
    # setting decides whether X-Forwarded-For is trusted, so REMOTE_ADDR is what we use.
    return request.META.get("REMOTE_ADDR") or None


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        ip_address = client_ip(request)
        if current_lockout(username=username, ip_address=ip_address) is not None:
            # PermissionDenied stops Django trying the other backends.
            raise SignInThrottled
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failed_sign_in(username=username, ip_address=ip_address)
        return user
