"""OpenID Connect sign-in (Microsoft Entra ID). Only people already known to Herald may sign in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class HeraldOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        user_model = get_user_model()
        subject = claims.get("sub")
        if subject:
            by_subject = user_model.objects.filter(oidc_subject=subject, is_active=True)
            if by_subject.exists():
                return by_subject
        email = (claims.get("email") or claims.get("preferred_username") or "").strip()
        if not email:
            return user_model.objects.none()
        return user_model.objects.filter(email__iexact=email, is_active=True)
