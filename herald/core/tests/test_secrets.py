import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from herald.core.secrets import EncryptedJSONField, Secret, SecretUnreadable, decrypt, encrypt


def test_a_secret_never_prints_its_value() -> None:
    secret = Secret({"access_token": "tok-123"})
    assert "tok-123" not in repr(secret)
    assert "tok-123" not in str(secret)
    assert f"{secret}" == "Secret(•••)"
    assert secret.reveal() == {"access_token": "tok-123"}


def test_encrypted_values_round_trip_and_hide_the_plaintext() -> None:
    token = encrypt({"access_token": "tok-123"})
    assert "tok-123" not in token
    assert decrypt(token) == {"access_token": "tok-123"}


def test_keys_rotate_newest_first() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        token = encrypt("s3cret")
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        assert decrypt(token) == "s3cret"
        rotated = encrypt("s3cret")
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        assert decrypt(rotated) == "s3cret"
        with pytest.raises(SecretUnreadable):
            decrypt(token)


def test_the_field_stores_ciphertext_and_reads_back_a_secret() -> None:
    field = EncryptedJSONField()
    stored = field.get_prep_value({"password": "app-pass"})
    assert stored is not None
    assert "app-pass" not in stored
    read = field.from_db_value(stored, None, None)
    assert isinstance(read, Secret)
    assert read.reveal() == {"password": "app-pass"}
    assert field.get_prep_value(read) != stored  # a fresh IV every time
    assert field.from_db_value(None, None, None) is None
