"""Where a council listens, what it listens for, and when it could not."""

from __future__ import annotations

from django.db import models

from herald.core.models import StatusChange, TimeStampedModel


class Source(TimeStampedModel):
    """One feed of mentions: an adapter kind plus its configuration and persisted cursor."""

    class Kind(models.TextChoices):
        MASTODON = "mastodon", "Mastodon (hashtags, search, notifications)"
        BLUESKY = "bluesky", "Bluesky (search, notifications)"
        RSS = "rss", "News feed (RSS or Atom)"
        OWN_COMMENTS = "own_comments", "Comments and replies on the council's own posts"
        SANDBOX = "sandbox", "Sandbox network"
        IMPORT = "import", "Imported export (CSV or JSON)"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FAILING = "failing", "Failing"
        PAUSED = "paused", "Paused"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="listening_sources"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=200)
    # Kind-specific: {"instance": ..., "hashtags": [...]}, {"url": ...}, {"terms": [...]} ...
    config = models.JSONField(default=dict, blank=True)
    # For own comments: the council's connected account (credentials live on the connection).
    connection = models.ForeignKey(
        "channels.ChannelConnection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where the next poll starts (since_id, cursor, ETag/Last-Modified...), persisted after
    # every batch so ingestion is at-least-once and resumes after a crash.
    cursor = models.JSONField(default=dict, blank=True)
    poll_every_seconds = models.PositiveIntegerField(default=300)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Live streams (``herald listen_stream``): where a stream resumes (Jetstream's time_us) —
    # the stream's own, so a poll never overwrites it — and when it last heard anything.
    stream_cursor = models.JSONField(default=dict, blank=True)
    stream_heard_at = models.DateTimeField(null=True, blank=True)
    stream_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "next_poll_at"])]

    def __str__(self) -> str:
        return self.name


class SourceStatusChange(StatusChange):
    """Append-only history of a source's status (paused, resumed, failing, recovered)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="status_changes")


class SkippedItem(models.Model):
    """An item a source delivered that ingestion could not take (malformed, too long, an
    unknown language...): kept with the reason so the skip is visible, while the rest of its
    batch went on."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="skipped_items")
    remote_id = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=300)
    # The first characters of what was received, for a person to recognise it; never more.
    excerpt = models.CharField(max_length=300, blank=True)
    skipped_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-skipped_at", "-id"]
        indexes = [models.Index(fields=["source", "-skipped_at"])]

    def __str__(self) -> str:
        return f"{self.source}: {self.reason[:60]}"


class CaptureGap(models.Model):
    """A period in which a source heard nothing because it could not (failing, token lapsed):
    shown on the dashboard for its period, never silent. Open while ``ended_at`` is null."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="gaps")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source}: {self.reason[:60]}"


class Query(TimeStampedModel):
    """What a council watches: a boolean keyword expression (AND, OR, NOT, "phrases",
    parentheses) with exclusions, grouped by what it is about."""

    class Topic(models.TextChoices):
        COUNCIL = "council", "The council's names and handles"
        SERVICE = "service", "A service"
        PLACE = "place", "A place"
        CAMPAIGN = "campaign", "A campaign"
        HASHTAG = "hashtag", "A hashtag"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="listening_queries"
    )
    name = models.CharField(max_length=200)
    topic = models.CharField(max_length=16, choices=Topic.choices)
    expression = models.TextField()
    exclusions = models.TextField(blank=True)  # an expression; a match here excludes
    service = models.ForeignKey(
        "councils.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="listening_query_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
