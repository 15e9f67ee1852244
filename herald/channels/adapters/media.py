"""Reading a media file for upload: a local path, or a name in Django's default storage."""

from __future__ import annotations

import os


def read_media(path: str) -> bytes:
    if os.path.isabs(path) and os.path.exists(path):
        with open(path, "rb") as handle:
            return handle.read()
    from django.core.files.storage import default_storage

    with default_storage.open(path, "rb") as handle:
        data: bytes = handle.read()
        return data
