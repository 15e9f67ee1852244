"""``herald check_text``: JSON lines in, one JSON line out per input, bad lines reported."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from conftest import Personas
from herald.standards import services
from herald.standards.testing import TEST_ACTOR

pytestmark = pytest.mark.django_db

LINES = [
    json.dumps({"id": "a", "text": "Contact jo@example.com", "network": "x"}),
    json.dumps({"id": 2, "text": "Library opens at 9am"}),
]


def _run(*args: str, stdin: bytes | None = None) -> tuple[list[dict[str, Any]], int]:
    out = io.StringIO()
    status = 0
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        call_command("check_text", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    finally:
        sys.stdin = sys.__stdin__
    return [json.loads(line) for line in out.getvalue().splitlines()], status


def test_a_file_gives_one_line_per_input(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(LINES) + "\n")
    results, status = _run(str(path))
    assert status == 0
    assert [r["id"] for r in results] == ["a", 2]
    (finding,) = results[0]["findings"]
    assert finding["rule"] == "personal_data.email"
    assert (finding["start"], finding["end"], finding["severity"]) == (8, 22, "block")
    assert set(finding) >= {"rule", "category", "kind", "severity", "start", "end", "message"}
    assert results[1]["findings"] == []


def test_standard_input_is_read_when_no_file_is_given() -> None:
    results, status = _run(stdin="\n".join(LINES).encode())
    assert (status, [r["id"] for r in results]) == (0, ["a", 2])


@pytest.mark.parametrize(
    ("line", "code", "ident"),
    [
        (b"{not json", "invalid_json", None),
        (b"[1, 2]", "not_an_object", None),
        (b'{"id": 7}', "missing_text", 7),
        (b'{"id": 7, "text": 12}', "text_not_string", 7),
        (b'{"id": 7, "text": "hi", "network": "myspace"}', "unknown_network", 7),
        (b'{"id": 7, "text": "hi", "network": ["x"]}', "unknown_network", 7),
        (b'{"id": 7, "text": "\\ud800"}', "invalid_unicode", 7),
        (b'{"id": 7, "text": "\xff"}', "invalid_utf8", None),
    ],
)
def test_a_bad_line_is_reported_and_the_rest_still_checked(
    tmp_path: Path, line: bytes, code: str, ident: object
) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(LINES[0].encode() + b"\n" + line + b"\n" + LINES[1].encode() + b"\n")
    results, status = _run(str(path))
    assert status == 1
    assert results[1] == {"id": ident, "line": 2, "error": results[1]["error"]}
    assert results[1]["error"]["code"] == code
    assert [r["id"] for r in (results[0], results[2])] == ["a", 2]


def test_a_text_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "a" * 1_000_001}) + "\n")
    results, status = _run(str(path))
    assert (status, results[0]["error"]["code"]) == (1, "too_long")


def test_council_uses_that_councils_pack(personas: Personas, tmp_path: Path) -> None:
    services.update_contact_details(
        council=personas.council,
        actor=TEST_ACTOR,
        phone_numbers=[],
        email_domains=["example.com"],
        postcodes=[],
        prohibited_terms=[],
    )
    path = tmp_path / "posts.jsonl"
    path.write_text(LINES[0] + "\n")
    with_pack, _ = _run(str(path), "--council", "wessex")
    without, _ = _run(str(path))
    assert with_pack[0]["findings"] == []
    assert len(without[0]["findings"]) == 1


def test_an_unknown_council_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no council with the slug ‘nowhere’"):
        call_command("check_text", str(tmp_path / "x.jsonl"), "--council", "nowhere")


def test_many_lines_are_checked_in_batches_in_order(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": f"post {i}", "network": "x"}) + "\n" for i in range(1200)
        )
    )
    results, status = _run(str(path))
    assert status == 0
    assert [r["id"] for r in results] == list(range(1200))
