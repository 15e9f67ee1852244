"""The sign-in identity. Custom from the first migration so it can grow without pain."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The subject claim from the council's identity provider, once the person has used it.
    oidc_subject = models.CharField(max_length=255, unique=True, null=True, blank=True)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class LoginFailure(models.Model):
    """One failed sign-in, kept only as long as throttling needs it (pruned hourly); lockouts are audited."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} at {self.failed_at:%Y-%m-%d %H:%M}"
