"""The Sandbox network: a small social network served by Herald itself, so a demo (and the tests
and the benchmark) publish end to end with nothing external. Its accounts and posts are the
network's own data, like a Mastodon server's: they belong to no council. Posts are never
hard-deleted: a deletion sets ``deleted_at`` (the timeline stops showing them)."""

from __future__ import annotations

import uuid

from django.db import models


class SandboxAccount(models.Model):
    handle = models.SlugField(max_length=60, unique=True)
    display_name = models.CharField(max_length=200)
    # Only digests are kept: the tokens themselves live in the connection's encrypted credentials.
    token_sha256 = models.CharField(max_length=64, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    refresh_token_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["handle"]

    def __str__(self) -> str:
        return f"@{self.handle}"


class SandboxPost(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(SandboxAccount, on_delete=models.PROTECT, related_name="posts")
    text = models.TextField(blank=True)
    link = models.URLField(max_length=2000, blank=True)
    # [{"name", "content_type", "alt_text"}]: references to what was attached, with its alt text.
    media = models.JSONField(default=list, blank=True)
    # The client's Idempotency-Key: a retry with the same key gets the same post back.
    idempotency_key = models.CharField(max_length=200)
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    # A direct message: addressed to one account, kept off every timeline.
    direct_to = models.ForeignKey(
        SandboxAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="direct_messages",
    )
    likes = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Hidden by the account whose post it comments on (moderation): kept, not shown publicly.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "idempotency_key"], name="sandbox_post_idempotency_key"
            )
        ]
        indexes = [models.Index(fields=["account", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.account}: {self.text[:40]}"
