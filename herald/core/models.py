"""Base models every context builds on."""

import uuid

from django.db import models


class TimeStampedModel(models.Model):
    """A row with a public UUID (never expose sequential ids) and creation/update times."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
