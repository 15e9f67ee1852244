"""OpenID Connect sign-in (Microsoft Entra ID). Only people already known to Herald may sign in.

mozilla-django-oidc runs the authorisation-code flow with state, nonce and PKCE. Herald adds what
the library leaves out: the ID token's issuer and audience are checked, identity is read from that
validated token (never from unsigned userinfo), and a refused sign-in says why on the sign-in page.
Nothing here logs a token, a code or the client secret.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from herald.accounts import signin
from herald.accounts.backends import client_ip
from herald.accounts.models import User

logger = logging.getLogger(__name__)

# Tolerated clock difference between Herald and the identity provider when checking exp/nbf/iat.
CLOCK_SKEW_SECONDS = 60
SIGN_IN_ERROR_SESSION_KEY = "herald_sign_in_error"
FAILED = "failed"
_REFUSAL_ATTRIBUTE = "_herald_oidc_refusal"

# What a refused person is told, by reason. {provider} is OIDC_PROVIDER_NAME.
SIGN_IN_ERRORS = {
    signin.UnknownIdentity.code: (
        "Your {provider} account is not set up in Herald. Ask your council's Herald "
        "administrator to add you, using your work email address."
    ),
    signin.NoActiveMembership.code: (
        "Your Herald account does not give you access to any council. Ask your council's "
        "Herald administrator to add you."
    ),
    FAILED: (
        "Signing in with {provider} did not work. Try again. If it keeps happening, "
        "contact your ICT service desk."
    ),
}

# The provider or its response failed us: an HTTP error, a bad or expired token, bad JSON.
_PROVIDER_FAILURES = (
    SuspiciousOperation,
    requests.RequestException,
    jwt.PyJWTError,
    ValueError,
    KeyError,
)


def sign_in_error_message(reason: str) -> str:
    template = SIGN_IN_ERRORS.get(reason, SIGN_IN_ERRORS[FAILED])
    return template.format(provider=settings.OIDC_PROVIDER_NAME)


class HeraldOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce; a password attempt must never reach the provider.
        if request is None or not settings.OIDC_ENABLED or "nonce" not in kwargs:
            return None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except _PROVIDER_FAILURES as exc:
            logger.warning("OIDC sign-in failed", extra={"reason": FAILED, "error": _describe(exc)})
            _refuse(request, FAILED)
            return None
        return user

    def get_payload_data(self, token: str | bytes, key: Any) -> dict[str, Any]:
        """Check the signature and the claims the library skips: issuer, audience and times."""
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        # The validated ID token already carries oid, email and preferred_username.
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(signin.oidc_subject(claims=claims))

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        if not self.verify_claims(payload):
            raise SuspiciousOperation("The ID token names no subject.")
        try:
            return signin.sign_in_with_oidc(claims=payload, ip_address=client_ip(self.request))
        except signin.SignInRefused as exc:
            logger.warning(
                "OIDC sign-in refused",
                extra={
                    "reason": exc.code,
                    "subject": signin.oidc_subject(claims=payload),
                    "claimed_username": str(payload.get("preferred_username", ""))[:150],
                },
            )
            _refuse(self.request, exc.code)
            return None

    def get_user(self, user_id: int) -> User | None:
        # The library's get_user skips the is_active check; a switched-off user must be signed out.
        user: User | None = ModelBackend.get_user(self, user_id)
        return user


class HeraldOIDCAuthenticationRequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response


class HeraldOIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    @property
    def failure_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error"):
            # e.g. access_denied when someone cancels, or an AADSTS code from Entra.
            logger.warning(
                "The identity provider refused the sign-in",
                extra={
                    "error": request.GET["error"][:100],
                    "error_description": request.GET.get("error_description", "")[:300],
                },
            )
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation:
            # The state is not one this browser started: a replay, or sign-in in another browser.
            logger.warning("OIDC callback with an unknown state", extra={"reason": FAILED})
            return self.login_failure()
        return response

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, _REFUSAL_ATTRIBUTE, FAILED)
        self.request.session[SIGN_IN_ERROR_SESSION_KEY] = reason
        response: HttpResponse = super().login_failure()
        return response


def _refuse(request: HttpRequest, reason: str) -> None:
    # The backend cannot return a reason through django.contrib.auth.authenticate(), so it leaves
    # one on the request for the callback view, which is handling this same request.
    setattr(request, _REFUSAL_ATTRIBUTE, reason)


def _describe(exc: Exception) -> str:
    # An HTTPError's message quotes the token endpoint's response body; the status is enough.
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"{type(exc).__name__}: status {exc.response.status_code}"
    return f"{type(exc).__name__}: {str(exc)[:200]}"
