"""A register account's connection to its network: who it is there, where its API lives, the
credentials (encrypted at rest, never shown or logged), when they expire and how it is going."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel
from herald.core.secrets import EncryptedJSONField


class ChannelConnection(TimeStampedModel):
    class Status(models.TextChoices):
        CONNECTED = "connected", "Connected"
        FAILING = "failing", "Failing"
        EXPIRED = "expired", "Credentials expired"
        DISCONNECTED = "disconnected", "Disconnected"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    account = models.OneToOneField(
        "estate.SocialAccount", on_delete=models.PROTECT, related_name="connection"
    )
    # The adapter's key: "sandbox", "facebook_page", "instagram", "x", "linkedin", "youtube",
    # "mastodon", "bluesky" (see herald.channels.adapters.registry).
    network = models.CharField(max_length=32)
    # The account's id on the network (page id, organisation URN, DID, Mastodon account id...).
    external_id = models.CharField(max_length=300, blank=True)
    # Where its API lives: a Mastodon instance, a Bluesky PDS, a fake server in tests. Blank: the
    # adapter's default.
    base_url = models.URLField(max_length=500, blank=True)
    credentials = EncryptedJSONField(null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    refresh_expires_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONNECTED)
    failing_since = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)  # never credentials
    last_checked_at = models.DateTimeField(null=True, blank=True)
    # Honoured from the network's rate-limit headers: no call before this time.
    rate_limited_until = models.DateTimeField(null=True, blank=True)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disconnected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self) -> str:
        return f"{self.account} via {self.network}"
