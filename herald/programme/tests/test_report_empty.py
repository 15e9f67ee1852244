"""A committee report for a period with no data at all: every section says so, nothing fails."""

from __future__ import annotations

import datetime

import pytest

from herald.audit.services import SYSTEM
from herald.core.testing import CouncilFactory
from herald.programme.report.render import render_body
from herald.programme.services import reports

pytestmark = pytest.mark.django_db


def test_a_period_with_no_data_is_reported_section_by_section() -> None:
    council = CouncilFactory(name="Empty Borough Council", slug="empty")
    report = reports.create_report(
        council=council,
        period_from=datetime.date(2026, 1, 1),
        period_to=datetime.date(2026, 6, 30),
        actor=SYSTEM,
    )
    html = render_body(reports.report_content(report=report))
    assert "No implementation plan has been recorded yet" in html
    assert "No mentions were heard in this period." in html
    assert "No conversation in this period has been closed with an outcome." in html
    assert "No budget is recorded for 2026-27." in html
    assert "No consultation campaign ran in this period." in html
    assert "No tracked short link was followed in this period." in html
    assert "<svg" not in html
    pdf = reports.report_pdf(report=report)
    assert pdf.startswith(b"%PDF")
