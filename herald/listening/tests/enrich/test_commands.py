"""``herald train_router`` and ``herald enrich`` as an operator runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import Personas
from herald.councils.models import Council
from herald.listening.models import RouterModel
from herald.listening.tests.enrich.conftest import DATASET, EXAMPLES

pytestmark = pytest.mark.django_db


def _train(*args: str) -> str:
    out = io.StringIO()
    call_command("train_router", *args, stdout=out)
    return out.getvalue()


def test_train_router_reports_metrics_and_saves_an_active_default(db: None) -> None:
    output = _train(
        "--csv", str(DATASET), "--text-column", "text", "--label-column", "service", "--seed", "1"
    )
    model = RouterModel.objects.get()
    assert model.council is None
    assert model.is_active
    assert f"accuracy {model.metrics['accuracy']:.3f}" in output
    assert f"macro-F1 {model.metrics['macro_f1']:.3f}" in output
    assert json.loads(output.splitlines()[-1])["version"] == 1


def test_train_router_needs_the_council_when_there_are_several(personas: Personas) -> None:
    args = ["--csv", str(DATASET), "--text-column", "text", "--label-column", "service"]
    with pytest.raises(CommandError, match="more than one council"):
        _train(*args)
    _train(*args, "--council", personas.council.slug)
    assert RouterModel.objects.get().council == personas.council


@pytest.mark.parametrize(
    ("content", "columns", "message"),
    [
        ("body,service\nx,waste\n", ("text", "service"), "no column 'text'"),
        ("text,service\nbin,waste\nroad,roads\n", ("text", "service"), "too few for"),
        (b"\xff\xfe\x00bad", ("text", "service"), "not UTF-8"),
    ],
)
def test_train_router_explains_bad_input_and_saves_nothing(
    tmp_path: Path, db: None, content: str | bytes, columns: tuple[str, str], message: str
) -> None:
    path = tmp_path / "labels.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(CommandError, match=message):
        _train("--csv", str(path), "--text-column", columns[0], "--label-column", columns[1])
    assert not RouterModel.objects.exists()


def test_train_router_on_a_missing_file(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        _train("--csv", str(tmp_path / "nope.csv"), "--text-column", "t", "--label-column", "l")


def _enrich(tmp_path: Path, lines: str, *args: str) -> tuple[list[dict[str, object]], int]:
    path = tmp_path / "in.jsonl"
    path.write_bytes(lines.encode())
    out = io.StringIO()
    code = 0
    try:
        call_command("enrich", str(path), *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return [json.loads(line) for line in out.getvalue().splitlines()], code


def test_enrich_writes_one_line_each_and_reports_bad_lines(tmp_path: Path, db: None) -> None:
    Council.objects.create(name="Aldermoor Borough Council", slug="aldermoor")
    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.listening.routing.services import train_router  # noqa: PLC0415

    train_router(council=None, examples=EXAMPLES, actor=SYSTEM)
    lines = (
        '{"id": 1, "text": "bin not collected again, you useless tossers"}\n'
        "not json\n"
        '{"id": "b", "text": 5}\n'
        '{"id": 4, "text": "Lovely rhyme time at the library"}\n'
    )
    results, code = _enrich(tmp_path, lines)
    assert code == 1
    assert [r["id"] for r in results] == [1, None, "b", 4]
    first = results[0]
    assert set(first) == {
        "id",
        "sentiment",
        "offensive",
        "personal_data",
        "safeguarding",
        "service",
    }
    assert first["sentiment"]["label"] == "negative"  # type: ignore[index]
    assert first["offensive"]["flag"] is True  # type: ignore[index]
    assert first["service"]["label"] == "waste"  # type: ignore[index]
    assert results[1] == {
        "id": None,
        "line": 2,
        "error": {"code": "invalid_json", "message": "The line is not valid JSON."},
    }
    assert results[2]["error"]["code"] == "text_not_string"  # type: ignore[index]
    assert results[3]["sentiment"]["label"] == "positive"  # type: ignore[index]


def test_enrich_needs_the_council_when_there_are_several(
    tmp_path: Path, personas: Personas
) -> None:
    with pytest.raises(CommandError, match="more than one council"):
        _enrich(tmp_path, '{"id": 1, "text": "x"}\n')
    results, code = _enrich(tmp_path, '{"id": 1, "text": "x"}\n', "--council", "wessex")
    assert code == 0
    assert results[0]["service"] == {"label": "other", "confidence": 0.0}


def test_enrich_keeps_the_order_across_batches(
    tmp_path: Path, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herald.listening.management.commands import enrich  # noqa: PLC0415

    monkeypatch.setattr(enrich, "BATCH", 3)
    lines = "".join(
        "oops\n" if i % 4 == 1 else f'{{"id": {i}, "text": "Library number {i}"}}\n'
        for i in range(10)
    )
    results, code = _enrich(tmp_path, lines)
    assert code == 1
    assert [r.get("line") if "error" in r else r["id"] for r in results] == [
        0, 2, 2, 3, 4, 6, 6, 7, 8, 10,
    ]  # fmt: skip
