"""Secrets at rest: a model field whose value is encrypted in the database and never shown.

Channel credentials (access and refresh tokens, app passwords) are stored with
``EncryptedJSONField``. The value is Fernet-encrypted (AES-128-CBC with an HMAC) under the first
of ``settings.FIELD_ENCRYPTION_KEYS``; any of the listed keys can decrypt, so keys rotate by
putting the new one first and re-saving (``herald rotate_field_keys`` is not needed for that: every
save re-encrypts). With no keys configured, one is derived from ``SECRET_KEY`` with HKDF.

The decrypted value is a ``Secret``: its ``repr`` and ``str`` never show the contents, so it cannot
leak into logs, error pages or templates by accident; ``reveal()`` is the one way in.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models


class SecretUnreadable(Exception):
    """A stored secret could not be decrypted with any configured key."""


class Secret:
    """A decrypted value that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    def reveal(self) -> Any:
        return self._value

    def __repr__(self) -> str:
        return "Secret(•••)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(json.dumps(self._value, sort_keys=True, default=str))

    def __bool__(self) -> bool:
        return bool(self._value)


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=b"herald-field-encryption", info=b"v1"
        ).derive(secret_key.encode())
        keys = (base64.urlsafe_b64encode(derived).decode(),)
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(value: Any) -> str:
    return fernet().encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()


def decrypt(token: str) -> Any:
    try:
        return json.loads(fernet().decrypt(token.encode()))
    except InvalidToken as error:
        raise SecretUnreadable(
            "The stored secret cannot be decrypted with any configured key."
        ) from error


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """JSON-serialisable data, encrypted at rest, read back as a ``Secret``."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Secret | None:
        if value is None or value == "":
            return None
        return Secret(decrypt(value))

    def to_python(self, value: Any) -> Secret | None:
        if value is None or isinstance(value, Secret):
            return value
        return Secret(value)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, Secret):
            value = value.reveal()
        return encrypt(value)

    def value_to_string(self, obj: models.Model) -> str:
        return "•••"  # dumpdata and serializers never see the contents
