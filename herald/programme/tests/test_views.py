"""The programme's pages over HTTP: forms with their errors, the report's life, CSV and the feed,
the public short link, and another council's objects answering 404."""

from __future__ import annotations

import datetime

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.programme.models import (
    BudgetLine,
    LinkClickDay,
    Phase,
    RecordedFigure,
    Report,
    SpendEntry,
    UnitCost,
)
from herald.programme.services import feed, links, plan, reports

pytestmark = pytest.mark.django_db

D = datetime.date


def _phase(council: Council) -> Phase:
    return plan.save_phase(
        council=council,
        actor=SYSTEM,
        name="Support",
        deliverables="Ambassadors",
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 3, 31),
        measure="tasks",
        completed_on=None,
    )


def _dates(prefix: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def test_the_digital_team_adds_a_phase_and_is_told_what_is_wrong(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    data = {
        "name": "Support",
        "deliverables": "Ambassadors",
        "measure": "tasks",
        **_dates("starts_on", D(2026, 3, 1)),
        **_dates("due_on", D(2026, 2, 1)),
    }
    refused = client.post("/programme/phases/new/", data)
    assert refused.status_code == 200
    assert "There is a problem" in refused.text
    assert "The due date must be on or after the start date." in refused.text
    assert not Phase.objects.exists()
    done = client.post("/programme/phases/new/", data | _dates("due_on", D(2026, 4, 1)))
    assert done.status_code == 302
    page = client.get("/programme/")
    assert "1. Support" in page.text


def test_a_task_with_progress_out_of_range_is_refused(personas: Personas) -> None:
    phase = _phase(personas.council)
    client = personas.client_for(personas.digital_lead)
    data = {
        "title": "Recruit ambassadors",
        "progress": "150",
        **_dates("starts_on", D(2026, 1, 1)),
        **_dates("due_on", D(2026, 2, 1)),
    }
    refused = client.post(f"/programme/phases/{phase.public_id}/tasks/new/", data)
    assert "Progress must be between 0 and 100" in refused.text
    done = client.post(f"/programme/phases/{phase.public_id}/tasks/new/", data | {"progress": "40"})
    assert done.status_code == 302
    assert phase.tasks.get().progress == 40


def test_unit_cost_edits_are_checked_and_audited(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    refused = client.post(
        "/programme/unit-costs/", {"channel": "phone", "pounds": "two", "source": "x"}
    )
    assert "Enter the cost per contact in pounds, like 2.83" in refused.text
    client.post(
        "/programme/unit-costs/", {"channel": "phone", "pounds": "3.10", "source": "Costing 2025"}
    )
    assert UnitCost.objects.get(council=personas.council, channel="phone").pence == 310
    event = AuditEvent.objects.get(action="programme.unit_cost_set")
    assert event.actor == personas.digital_lead.user
    assert "£2.83 → £3.10" in event.summary
    assert "£3.10" in client.get("/programme/unit-costs/").text


def test_a_figures_import_with_a_bad_row_shows_the_row(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    page = client.post(
        "/programme/figures/import/", {"text": "kind,month,account,value\nfollowers,March,,5\n"}
    )
    assert page.status_code == 200
    assert "Row 2: month must look like 2026-03" in page.text


def test_a_short_link_redirects_and_counts_without_a_session(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    refused = client.post("/programme/links/", {"label": "Bins", "target_url": "bins please"})
    assert "Enter the full address of the page" in refused.text
    client.post("/programme/links/", {"label": "Bins", "target_url": "https://example.org/bins"})
    link = personas.council.programme_links.get()
    from django.test import Client  # noqa: PLC0415

    anonymous = Client()
    followed = anonymous.get(
        f"/l/{link.code}", HTTP_USER_AGENT="Resident", REMOTE_ADDR="203.0.113.9"
    )
    assert followed.status_code == 302
    assert followed.headers["Location"] == "https://example.org/bins"
    assert followed.headers["Cache-Control"] == "no-store"
    assert LinkClickDay.objects.get(link=link).clicks == 1
    links.deactivate_link(link=link, actor=SYSTEM)
    assert anonymous.get(f"/l/{link.code}").status_code == 404
    assert anonymous.get("/l/nothing").status_code == 404


def test_a_report_is_drafted_edited_finalised_and_then_read_by_the_committee(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.digital_lead)
    committee = personas.client_for(personas.committee)
    bad = client.post(
        "/programme/reports/new/",
        {**_dates("period_from", D(2026, 6, 1)), **_dates("period_to", D(2026, 1, 1))},
    )
    assert "The end of the period must be on or after its start." in bad.text
    made = client.post(
        "/programme/reports/new/",
        {**_dates("period_from", D(2026, 1, 1)), **_dates("period_to", D(2026, 6, 30))},
    )
    report = Report.objects.get()
    assert made.headers["Location"] == f"/programme/reports/{report.public_id}/"
    assert committee.get(f"/programme/reports/{report.public_id}/").status_code == 404
    assert "No reports have been finalised yet" in committee.get("/programme/reports/").text
    draft = client.get(f"/programme/reports/{report.public_id}/")
    assert "[For the report&#39;s author to complete]" in draft.text
    edit = {
        "title": "Six-month report",
        "recommendations": "Notes the progress made.",
        "purpose": "To report.",
    }
    client.post(f"/programme/reports/{report.public_id}/edit/", edit)
    unconfirmed = client.post(f"/programme/reports/{report.public_id}/finalise/", {})
    assert "Confirm the report is ready before finalising it" in unconfirmed.text
    client.post(f"/programme/reports/{report.public_id}/finalise/", {"confirm": "on"})
    report.refresh_from_db()
    assert report.status == "final"
    page = committee.get(f"/programme/reports/{report.public_id}/")
    assert "Notes the progress made." in page.text
    assert report.content_hash in page.text
    pdf = committee.get(f"/programme/reports/{report.public_id}/report.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(report.final_pdf)
    frozen = client.get(f"/programme/reports/{report.public_id}/edit/")
    assert frozen.status_code == 302


def test_csv_downloads_and_the_token_feed(personas: Personas) -> None:
    _phase(personas.council)
    client = personas.client_for(personas.digital_lead)
    phases = client.get("/programme/exports/phases.csv")
    assert phases.headers["Content-Type"].startswith("text/csv")
    assert phases.text.splitlines()[0].startswith("number,phase,")
    assert "Support" in phases.text
    committee = personas.client_for(personas.committee)
    assert (
        committee.get("/programme/exports/kpis.csv?from=2026-01-01&to=2026-03-31").status_code
        == 200
    )
    assert committee.get("/programme/exports/spend.csv").status_code == 403
    assert client.get("/programme/exports/nothing.csv").status_code == 404

    token, text = feed.create_feed_token(council=personas.council, label="Power BI", actor=SYSTEM)
    from django.test import Client  # noqa: PLC0415

    anonymous = Client()
    assert anonymous.get("/programme/feed/phases.csv").status_code == 401
    fed = anonymous.get("/programme/feed/phases.csv", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert fed.status_code == 200
    assert "Support" in fed.text
    assert (
        anonymous.get(
            "/programme/feed/nothing.csv", HTTP_AUTHORIZATION=f"Bearer {text}"
        ).status_code
        == 404
    )
    client.post(f"/programme/feed/tokens/{token.public_id}/revoke/")
    assert (
        anonymous.get("/programme/feed/phases.csv", HTTP_AUTHORIZATION=f"Bearer {text}").status_code
        == 401
    )


def test_the_token_page_shows_a_new_token_once(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    refused = client.post("/programme/feed/", {"label": ""})
    assert "Enter what the token is for" in refused.text
    made = client.post("/programme/feed/", {"label": "Power BI"})
    assert "Copy this token now" in made.text
    assert "Copy this token now" not in client.get("/programme/feed/").text


def test_another_councils_objects_are_not_found(personas: Personas) -> None:
    phase = _phase(personas.other_council)
    task = plan.save_task(
        council=personas.other_council,
        phase=phase,
        actor=SYSTEM,
        title="Theirs",
        owner=None,
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 2, 1),
        progress=0,
    )
    report = reports.create_report(
        council=personas.other_council,
        period_from=D(2026, 1, 1),
        period_to=D(2026, 3, 31),
        actor=SYSTEM,
    )
    reports.finalise_report(report=report, actor=SYSTEM)
    link = links.create_link(
        council=personas.other_council,
        target_url="https://example.org",
        label="Theirs",
        actor=SYSTEM,
    )
    token, _ = feed.create_feed_token(council=personas.other_council, label="Theirs", actor=SYSTEM)
    client = personas.client_for(personas.digital_lead)
    for url in (
        f"/programme/phases/{phase.public_id}/",
        f"/programme/phases/{phase.public_id}/tasks/new/",
        f"/programme/tasks/{task.public_id}/",
        f"/programme/reports/{report.public_id}/",
        f"/programme/reports/{report.public_id}/edit/",
        f"/programme/reports/{report.public_id}/finalise/",
        f"/programme/reports/{report.public_id}/report.pdf",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/programme/links/{link.public_id}/stop/").status_code == 404
    assert client.post(f"/programme/feed/tokens/{token.public_id}/revoke/").status_code == 404
    link.refresh_from_db()
    assert link.is_active


def test_the_kpi_page_says_when_it_cannot_use_the_period_asked_for(personas: Personas) -> None:
    client = personas.client_for(personas.committee)
    page = client.get("/programme/kpis/?from=2026-06-01&to=2026-01-01")
    assert "The end must be on or after the start. Showing the last six months." in page.text
    page = client.get("/programme/kpis/?from=2026-01-01&to=2026-03-31")
    assert "1 January 2026 to 31 March 2026" in page.text
    assert "Showing the last six months" not in page.text


def test_kpi_targets_are_checked_and_shown(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    refused = client.post("/programme/kpis/targets/", {"key": "satisfaction", "value": "9"})
    assert "A target for this figure must be between 1 and 5." in refused.text
    refused = client.post("/programme/kpis/targets/", {"key": "", "value": "x"})
    assert "Choose the KPI" in refused.text
    assert "Enter the target as a number" in refused.text
    done = client.post("/programme/kpis/targets/", {"key": "satisfaction", "value": "4.5"})
    assert done.status_code == 302
    assert "At least 4.5 out of 5 (the council&#39;s target)" in client.get("/programme/kpis/").text


def test_budgets_spend_and_imported_figures_are_refused_with_reasons_then_saved(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.digital_lead)
    budget = {"name": "Paid social", "financial_year": "2026", "pounds": "1200.00"}
    assert client.post("/programme/budgets/new/", budget).status_code == 302
    again = client.post("/programme/budgets/new/", budget)  # the service refuses a second one
    assert again.status_code == 200
    assert "There is a problem" in again.text
    assert "There is already a budget line with this name for that year." in again.text
    assert BudgetLine.objects.filter(council=personas.council).count() == 1
    line = BudgetLine.objects.get(council=personas.council)
    spend = {
        "budget": str(line.pk),
        **_dates("spent_on", datetime.date.today() + datetime.timedelta(days=3)),
        "pounds": "25.00",
        "description": "Boosted post",
    }
    future = client.post("/programme/spend/new/", spend)
    assert future.status_code == 200
    assert "Spend cannot be recorded for a future date." in future.text
    assert not SpendEntry.objects.exists()
    today = _dates("spent_on", datetime.date.today())
    assert client.post("/programme/spend/new/", spend | today).status_code == 302
    assert SpendEntry.objects.get().description == "Boosted post"
    bad = client.post("/programme/figures/import/", {"text": "a,b\n1,2\n"})
    assert bad.status_code == 200
    assert "There is a problem" in bad.text
    assert not RecordedFigure.objects.exists()
