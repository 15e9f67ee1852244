"""The media library: every image, video and captions file with its source, licence, the
consent of the people it shows and when the right to use it expires. Items are withdrawn,
never deleted: posts that used them keep pointing at them."""

from __future__ import annotations

import datetime
import hashlib
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.publishing.models import MediaItem
from herald.publishing.services.errors import InvalidMedia

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from herald.accounts.models import User
    from herald.councils.models import Council

MB = 1024 * 1024
# The library's own ceiling; each network's smaller limits are checked before scheduling.
MAX_BYTES = {
    MediaItem.Kind.IMAGE: 20 * MB,
    MediaItem.Kind.VIDEO: 1024 * MB,
    MediaItem.Kind.CAPTIONS: 2 * MB,
}


@dataclass(frozen=True)
class MediaDetails:
    source: str
    licence: str
    alt_text: str = ""
    shows_people: bool = False
    consent_reference: str = ""
    expires_on: datetime.date | None = None
    captions: MediaItem | None = None


# (offset, magic bytes, kind, content type), first match wins.
_SIGNATURES: tuple[tuple[int, bytes, str, str], ...] = (
    (0, b"\xff\xd8\xff", MediaItem.Kind.IMAGE, "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", MediaItem.Kind.IMAGE, "image/png"),
    (0, b"GIF87a", MediaItem.Kind.IMAGE, "image/gif"),
    (0, b"GIF89a", MediaItem.Kind.IMAGE, "image/gif"),
    (8, b"WEBP", MediaItem.Kind.IMAGE, "image/webp"),
    (4, b"ftypqt  ", MediaItem.Kind.VIDEO, "video/quicktime"),
    (4, b"ftyp", MediaItem.Kind.VIDEO, "video/mp4"),
    (0, b"\x1a\x45\xdf\xa3", MediaItem.Kind.VIDEO, "video/webm"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """The kind and content type from the file's first bytes (never the name it came with)."""
    for offset, magic, kind, content_type in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic and (offset != 8 or head[:4] == b"RIFF"):
            return kind, content_type
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"WEBVTT"):
        return MediaItem.Kind.CAPTIONS, "text/vtt"
    if text[:1].isdigit() and b"-->" in text[:200]:
        return MediaItem.Kind.CAPTIONS, "application/x-subrip"
    return None


def dimensions(content_type: str, head: bytes) -> tuple[int | None, int | None]:
    """Width and height where the header says them plainly (PNG, GIF)."""
    if content_type == "image/png" and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return int(width), int(height)
    if content_type == "image/gif" and len(head) >= 10:
        width, height = struct.unpack("<HH", head[6:10])
        return int(width), int(height)
    return None, None


def _check(council: Council, details: MediaDetails, kind: str) -> None:
    if not details.source.strip():
        raise InvalidMedia("Say who made it or where it came from", field="source")
    if not details.licence.strip():
        raise InvalidMedia(
            "Say what licence or permission lets the council use it", field="licence"
        )
    if details.shows_people and not details.consent_reference.strip():
        raise InvalidMedia(
            "It shows people: record the reference of their consent", field="consent_reference"
        )
    if details.expires_on is not None and details.expires_on < timezone.localdate():
        raise InvalidMedia(
            "The expiry date has passed: the council cannot use it", field="expires_on"
        )
    captions = details.captions
    if captions is not None:
        if kind != MediaItem.Kind.VIDEO:
            raise InvalidMedia("Only a video has a captions file", field="captions")
        if captions.council_id != council.pk or captions.kind != MediaItem.Kind.CAPTIONS:
            raise InvalidMedia("Choose a captions file from the library", field="captions")


@transaction.atomic
def upload_media(
    *,
    council: Council,
    file: UploadedFile[bytes],
    details: MediaDetails,
    uploaded_by: User,
    actor: Actor,
) -> MediaItem:
    """Add a file to the library, its type read from its content and its rights recorded."""
    size = file.size or 0
    if size == 0:
        raise InvalidMedia("The file is empty", field="file")
    file.seek(0)
    head = file.read(512)
    found = sniff(head)
    if found is None:
        raise InvalidMedia(
            "Upload a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a WebVTT or "
            "SRT captions file",
            field="file",
        )
    kind, content_type = found
    if size > MAX_BYTES[MediaItem.Kind(kind)]:
        raise InvalidMedia(
            f"The file is {size / MB:.1f} MB; the library takes "
            f"{MediaItem.Kind(kind).label.lower()}s up to {MAX_BYTES[MediaItem.Kind(kind)] // MB} MB",
            field="file",
        )
    _check(council, details, kind)
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    width, height = dimensions(content_type, head)
    item = MediaItem(
        council=council,
        kind=kind,
        original_name=(file.name or "upload")[-255:],
        content_type=content_type,
        size_bytes=size,
        width=width,
        height=height,
        sha256=digest.hexdigest(),
        alt_text=details.alt_text.strip() if kind == MediaItem.Kind.IMAGE else "",
        captions=details.captions if kind == MediaItem.Kind.VIDEO else None,
        source=details.source.strip(),
        licence=details.licence.strip(),
        shows_people=details.shows_people,
        consent_reference=details.consent_reference.strip(),
        expires_on=details.expires_on,
        uploaded_by=uploaded_by,
    )
    item.file.save((file.name or "upload").rsplit("/", 1)[-1][-100:], file, save=False)
    item.save()
    record(
        council=council,
        actor=actor,
        action="publishing.media_uploaded",
        summary=f"Added {item.original_name} to the media library",
        target=item,
        changes={"kind": kind, "source": item.source, "licence": item.licence},
    )
    return item


@transaction.atomic
def attach_captions(*, item: MediaItem, captions: MediaItem, actor: Actor) -> MediaItem:
    """Give a video its captions file."""
    if item.kind != MediaItem.Kind.VIDEO:
        raise InvalidMedia("Only a video has a captions file", field="captions")
    if captions.council_id != item.council_id or captions.kind != MediaItem.Kind.CAPTIONS:
        raise InvalidMedia("Choose a captions file from the library", field="captions")
    item.captions = captions
    item.save(update_fields=["captions", "updated_at"])
    record(
        council=item.council,
        actor=actor,
        action="publishing.media_captioned",
        summary=f"Captions {captions.original_name} attached to {item.original_name}",
        target=item,
    )
    return item


@transaction.atomic
def withdraw_media(*, item: MediaItem, reason: str, actor: Actor) -> MediaItem:
    """Stop the item being used from now on (consent withdrawn, licence ended...). The file and
    its record stay: posts already published used it."""
    if not reason.strip():
        raise InvalidMedia("Give the reason for withdrawing it", field="reason")
    if item.withdrawn_at is not None:
        raise InvalidMedia("It has already been withdrawn", field="reason")
    item.withdrawn_at = timezone.now()
    item.withdrawn_reason = reason.strip()
    item.save(update_fields=["withdrawn_at", "withdrawn_reason", "updated_at"])
    record(
        council=item.council,
        actor=actor,
        action="publishing.media_withdrawn",
        summary=f"Withdrew {item.original_name} from the media library",
        target=item,
        changes={"reason": item.withdrawn_reason},
    )
    return item
