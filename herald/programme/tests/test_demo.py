"""The demo council's programme: phases, money, links and figures, and a draft six-month report
that reads like a committee report, drawn from the other contexts' demo data."""

from __future__ import annotations

import pytest
from django.test import Client

from herald.accounts.models import User
from herald.councils.demo import load_demo_councils
from herald.councils.models import Council
from herald.programme.demo import load_demo
from herald.programme.models import Phase, Report, ShortLink, Task
from herald.programme.services import reports

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_plan_and_a_draft_report_once() -> None:
    load_demo_councils()
    aldermoor = Council.objects.get(slug="aldermoor")
    assert [p.name.split()[0] for p in Phase.objects.filter(council=aldermoor)] == [
        "Rationalisation",
        "Implement",
        "Communication",
        "Implementation",
        "Support",
    ]
    tasks = Task.objects.filter(council=aldermoor).count()
    load_demo(council=aldermoor)
    assert Task.objects.filter(council=aldermoor).count() == tasks
    assert ShortLink.objects.filter(council=aldermoor).count() == 4
    report = Report.objects.get(council=aldermoor)
    assert report.status == Report.Status.DRAFT

    client = Client()
    client.force_login(User.objects.get(username="demo-digital"))
    page = client.get(f"/programme/reports/{report.public_id}/")
    assert page.status_code == 200
    text = page.text
    for heading in (
        "Purpose of the report",
        "Information and advice",
        "Implementation progress by phase",
        "Key performance indicators",
        "Risks and issues",
        "Financial implications",
        "It is recommended that Policy Committee:",
    ):
        assert heading in text
    assert "Notes the progress made" in text
    assert "[For the report" not in text  # the demo's author completed every section
    assert text.count("<svg") >= 5  # charts for the KPIs with data
    pdf = reports.report_pdf(report=report)
    assert pdf.startswith(b"%PDF")
