"""Username and password sign-in with throttling by username and by IP address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from herald.accounts.models import LoginFailure, User


class SignInThrottled(PermissionDenied):
    """Too many failed sign-ins for this username or from this address; try again later."""


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind the production proxy REMOTE_ADDR is the proxy; gunicorn's forwarded-allow-ips
    # setting decides whether X-Forwarded-For is trusted, so REMOTE_ADDR is what we use.
    return request.META.get("REMOTE_ADDR") or None


def is_throttled(*, username: str, ip_address: str | None) -> bool:
    window_start = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(failed_at__gte=window_start)
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(username__iexact=username).count() >= limit:
        return True
    # An address gets more tries than a username: a council office shares one public IP.
    return ip_address is not None and recent.filter(ip_address=ip_address).count() >= limit * 4


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
        if is_throttled(username=username, ip_address=ip_address):
            # PermissionDenied stops Django trying the other backends.
            raise SignInThrottled
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            LoginFailure.objects.create(username=username[:150], ip_address=ip_address)
        return user
