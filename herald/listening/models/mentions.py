"""What residents said: one row per item heard (deduplicated by network and id), with its
enrichment stamped with the version of each model or ruleset that produced it."""

from __future__ import annotations

from django.db import models


class Mention(models.Model):
    class Sentiment(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Negative"

    # Every index starting with the council serves lookups by council: no index of its own
    # (each index is paid for on every mention ingested).
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="mentions", db_index=False
    )
    source = models.ForeignKey(
        "listening.Source", on_delete=models.PROTECT, related_name="mentions"
    )
    # The adapter key or source kind it came from: mastodon, bluesky, rss, sandbox, import...
    network = models.CharField(max_length=32)
    remote_id = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    # Minimised: a handle and display name as published, nothing else about the person.
    author_handle = models.CharField(max_length=300, blank=True)
    author_name = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=16, blank=True)
    posted_at = models.DateTimeField()
    captured_at = models.DateTimeField(auto_now_add=True)
    # Threading: the item it replies to on the network, and the council's own post if any.
    in_reply_to = models.CharField(max_length=500, blank=True)
    thread_key = models.CharField(max_length=500, blank=True)
    # Which of the council's accounts it was addressed to or commented on (own comments, DMs).
    account = models.ForeignKey(
        "estate.SocialAccount", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=16, default="post")  # post, comment, reply, mention, message
    # Near-duplicates (reposts, quote-copies) share a group: the sha1 of the normalised text.
    duplicate_key = models.CharField(max_length=40)
    is_repost = models.BooleanField(default=False)
    likes = models.PositiveIntegerField(default=0)
    shares = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    queries = models.ManyToManyField("listening.Query", blank=True, related_name="mentions")
    # Enrichment (null until enriched).
    sentiment = models.CharField(max_length=16, choices=Sentiment.choices, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)  # compound, -1..1
    offensive = models.BooleanField(null=True, blank=True)
    offensive_score = models.FloatField(null=True, blank=True)
    personal_data = models.JSONField(default=list, blank=True)
    safeguarding = models.BooleanField(null=True, blank=True)
    safeguarding_reasons = models.JSONField(default=list, blank=True)
    service_label = models.CharField(max_length=64, blank=True)
    service_confidence = models.FloatField(null=True, blank=True)
    # {"sentiment": "vader-3.3.2+herald-1", "offensive": ..., "router": "router-v3", ...}
    enrichment_versions = models.JSONField(default=dict, blank=True)
    enriched_at = models.DateTimeField(null=True, blank=True)
    # Deleted on the network: Herald keeps its copy, marked.
    deleted_on_network_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-posted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "network", "remote_id"], name="listening_mention_once"
            )
        ]
        indexes = [
            models.Index(fields=["council", "-posted_at"]),
            models.Index(fields=["council", "sentiment", "-posted_at"]),
            models.Index(fields=["council", "service_label", "-posted_at"]),
            models.Index(fields=["council", "enriched_at"]),
            models.Index(fields=["council", "duplicate_key"]),  # a mention's near-duplicates
        ]

    def __str__(self) -> str:
        return f"{self.network}:{self.remote_id}"


class MentionRollup(models.Model):
    """Hourly counts per council, source, query (null: all) and service, for the dashboard and
    spike detection over millions of mentions without scanning them."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    hour = models.DateTimeField()
    source = models.ForeignKey("listening.Source", on_delete=models.PROTECT, related_name="+")
    # The query's id, or 0 for every mention whatever query matched (not a foreign key, so the
    # bucket's uniqueness needs no nullable column).
    query_id_key = models.BigIntegerField(default=0)
    service_label = models.CharField(max_length=64, blank=True)
    total = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0)
    neutral = models.PositiveIntegerField(default=0)
    negative = models.PositiveIntegerField(default=0)
    offensive = models.PositiveIntegerField(default=0)
    safeguarding = models.PositiveIntegerField(default=0)
    engagement = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["hour", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "hour", "source", "query_id_key", "service_label"],
                name="listening_rollup_bucket",
            )
        ]
        indexes = [models.Index(fields=["council", "hour"])]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}:00 {self.total}"
