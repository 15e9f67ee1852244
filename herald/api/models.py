"""API tokens: each belongs to one council, one member and one role. Only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

from herald.core.models import TimeStampedModel
from herald.councils.roles import Role

TOKEN_PREFIX = "hrld_"  # noqa: S105 - a visible prefix so leaked tokens are recognisable


def hash_token(raw: str) -> str:
    # Tokens are 256 bits of randomness, so a plain SHA-256 is enough (no slow KDF needed).
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(
            revoked_at__isnull=True, membership__is_active=True, council__is_active=True
        )


class ApiToken(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="api_tokens"
    )
    membership = models.ForeignKey(
        "councils.Membership", on_delete=models.PROTECT, related_name="api_tokens"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. 'Power BI export'."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
