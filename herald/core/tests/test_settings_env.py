"""Settings come from the environment only, with secrets optionally from NAME_FILE."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


def test_a_secret_is_read_from_the_file_named_by_name_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("HERALD_TEST_SECRET", "from-the-environment")
    monkeypatch.setenv("HERALD_TEST_SECRET_FILE", str(secret))
    assert env_str("HERALD_TEST_SECRET") == "from-a-file"


def test_plain_values_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_TEST_FLAG", "Yes")
    monkeypatch.setenv("HERALD_TEST_NUMBER", "42")
    monkeypatch.setenv("HERALD_TEST_LIST", "a.example, b.example,,")
    assert env_bool("HERALD_TEST_FLAG", default=False) is True
    assert env_bool("HERALD_TEST_UNSET_FLAG", default=True) is True
    assert env_int("HERALD_TEST_NUMBER", 1) == 42
    assert env_int("HERALD_TEST_UNSET_NUMBER", 7) == 7
    assert env_list("HERALD_TEST_LIST") == ["a.example", "b.example"]


def test_malformed_values_fail_loudly_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_TEST_FLAG", "perhaps")
    monkeypatch.setenv("HERALD_TEST_NUMBER", "forty")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        env_bool("HERALD_TEST_FLAG", default=False)
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("HERALD_TEST_NUMBER", 1)
