"""Reading a media file for upload: a local path, or a name in Django's default storage."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage


def read_media(path: str) -> bytes:
    local = Path(path)
    if local.is_absolute() and local.exists():
        return local.read_bytes()
    with default_storage.open(path, "rb") as handle:
        data: bytes = handle.read()
        return data
