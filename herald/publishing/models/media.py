"""The media library: every image, video and captions file, with where it came from and the right
to use it (licence, consent of the people shown, expiry). Items are withdrawn, never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from herald.core.models import TimeStampedModel


def media_path(instance: MediaItem, filename: str) -> str:
    return f"publishing/{instance.council_id}/{instance.public_id}/{filename}"


class MediaItem(TimeStampedModel):
    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        VIDEO = "video", "Video"
        CAPTIONS = "captions", "Captions file"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="media_items"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file = models.FileField(upload_to=media_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    # The default description; a variant may override it per post.
    alt_text = models.TextField(blank=True)
    # A video's captions file (WebVTT or SRT).
    captions = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="captioned_videos"
    )
    source = models.CharField(max_length=300, help_text="Who made it, or where it came from.")
    licence = models.CharField(max_length=200)
    shows_people = models.BooleanField(default=False)
    consent_reference = models.CharField(max_length=200, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "kind", "-created_at"])]

    def __str__(self) -> str:
        return self.original_name
