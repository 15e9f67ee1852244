"""``herald committee_report``: a tagged PDF (with its charts) for a period, and clear errors."""

from __future__ import annotations

import datetime
import json
import re
import zlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from herald.audit.services import SYSTEM
from herald.programme.models import RecordedFigure
from herald.programme.services import figures
from herald.programme.tests.conftest import Setup

pytestmark = pytest.mark.django_db


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects, its compressed streams opened, to look for structure."""
    out = pdf
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return out


def test_the_command_writes_a_tagged_pdf_with_charts(setup: Setup, tmp_path: Path) -> None:
    for month, value in (("2026-01-01", 300), ("2026-02-01", 340)):
        figures.record_figure(
            council=setup.council,
            kind=RecordedFigure.Kind.LIVESTREAM_VIEWS,
            month=datetime.date.fromisoformat(month),
            value=value,
            actor=SYSTEM,
        )
    out = StringIO()
    pdf_path, html_path = tmp_path / "report.pdf", tmp_path / "report.html"
    call_command(
        "committee_report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--pdf",
        str(pdf_path),
        "--html",
        str(html_path),
        "--council",
        "aldermoor",
        stdout=out,
    )
    summary = json.loads(out.getvalue())
    pdf = pdf_path.read_bytes()
    assert summary["pdf_bytes"] == len(pdf)
    assert pdf.startswith(b"%PDF")
    objects = _pdf_objects(pdf)
    assert b"StructTreeRoot" in objects  # tagged
    assert b"pdfuaid" in objects  # declares PDF/UA-1
    html = html_path.read_text()
    assert '<html lang="en-GB">' in html
    assert html.count("<svg") == 1  # the one KPI with data has its chart
    assert "Meeting live-stream views by month" in html  # and its table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2026-06-01", "--to", "2026-01-01", "--council", "aldermoor"],
            "end of the period must be on or after",
        ),
        (["--from", "June", "--to", "2026-01-01", "--council", "aldermoor"], "is not a date like"),
        (
            ["--from", "2026-01-01", "--to", "2026-02-01", "--council", "nowhere"],
            "No active council",
        ),
        (["--from", "2026-01-01", "--to", "2026-02-01"], "Say which council"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    setup: Setup, tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("committee_report", *args, "--pdf", str(target))
    assert not target.exists()
