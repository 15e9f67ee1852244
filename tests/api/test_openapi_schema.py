"""The checked-in OpenAPI schema is the one the code generates (CI also runs scripts/check-openapi)."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command

CHECKED_IN = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_checked_in_openapi_schema_matches_the_api(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == CHECKED_IN.read_text(), (
        "docs/openapi.yaml is out of date: run scripts/check-openapi --write and review the diff"
    )
