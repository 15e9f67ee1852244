"""The programme in real Chromium with axe: the digital team runs the plan, the money and the
links, drafts and finalises the report to Policy Committee; a committee member reads it. Every
page, and each form with its errors, is checked."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.programme.models import RecordedFigure, Report
from herald.programme.periods import next_month
from herald.programme.services import figures, links, money, plan
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seed(personas: Personas) -> None:
    today = timezone.localdate()
    phase = plan.save_phase(
        council=personas.council,
        actor=SYSTEM,
        name="Support",
        deliverables="Identify ambassadors\nE-learning for all staff",
        starts_on=today - datetime.timedelta(days=60),
        due_on=today + datetime.timedelta(days=30),
        measure="tasks",
        completed_on=None,
    )
    plan.save_task(
        council=personas.council,
        phase=phase,
        actor=SYSTEM,
        title="Recruit ambassadors",
        owner=personas.record_of(personas.digital_lead),
        starts_on=phase.starts_on,
        due_on=phase.due_on,
        progress=40,
        is_milestone=True,
    )
    month = (today.replace(day=1) - datetime.timedelta(days=150)).replace(day=1)
    for step in range(6):
        figures.record_figure(
            council=personas.council,
            kind=RecordedFigure.Kind.LIVESTREAM_VIEWS,
            month=month,
            value=200 + 30 * step,
            actor=SYSTEM,
        )
        month = next_month(month)
    link = links.create_link(
        council=personas.council,
        target_url="https://example.org/bins",
        label="Report a missed bin",
        actor=SYSTEM,
    )
    links.record_click(link=link)
    money.add_budget(
        council=personas.council,
        name="Digital First",
        financial_year=today.year,
        amount_pence=4_500_000,
        actor=SYSTEM,
    )


def _submit(journey: Journey, button: str, label: str) -> None:
    journey.page.get_by_role("button", name=button).click()
    journey.page.wait_for_load_state()
    journey.check(label)


def test_the_digital_team_reports_to_the_committee(  # noqa: PLR0915 - one journey
    journey: Journey, personas: Personas
) -> None:
    _seed(personas)
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/programme/", label="implementation plan")
    journey.visit("/programme/phases/new/", label="new phase")
    _submit(journey, "Save the phase", "new phase with errors")
    assert page.get_by_text("Enter name").first.is_visible()
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Recruit ambassadors").click()
    page.wait_for_load_state()
    journey.check("edit task")
    page.get_by_label("Progress (per cent)").fill("140")
    _submit(journey, "Save the task", "edit task with errors")

    journey.visit("/programme/kpis/", label="KPIs")
    assert page.get_by_role("img", name="Meeting live-stream views").is_visible()
    journey.visit("/programme/kpis/targets/", label="KPI targets")
    page.get_by_label("KPI", exact=True).select_option(label="Resident satisfaction")
    page.get_by_label("Target", exact=True).fill("9")
    _submit(journey, "Save the target", "KPI targets with errors")
    journey.visit("/programme/unit-costs/", label="unit costs")
    page.get_by_label("Phone").check()
    page.get_by_label("Cost per contact").fill("a lot")
    _submit(journey, "Save the unit cost", "unit costs with errors")
    journey.visit("/programme/budgets/", label="budgets and spend")
    journey.visit("/programme/spend/new/", label="record spend")
    _submit(journey, "Record the spend", "record spend with errors")
    journey.visit("/programme/figures/", label="recorded figures")
    _submit(journey, "Record the figure", "recorded figures with errors")
    journey.visit("/programme/links/", label="short links")
    page.get_by_label("What the link is for").fill("Renew library books")
    page.get_by_label("Address of the service page").fill("not an address")
    _submit(journey, "Make the link", "short links with errors")
    journey.visit("/programme/feed/", label="CSV feed")

    journey.visit("/programme/reports/new/", label="new report")
    _submit(journey, "Draft the report", "draft report")
    assert page.get_by_role("heading", name="Key performance indicators").is_visible()
    page.get_by_role("link", name="Edit the author's sections").click()
    page.wait_for_load_state()
    journey.check("edit the author's sections")
    page.get_by_label("Recommendations").fill(
        "Notes the progress made.\nReceives a further report."
    )
    _submit(journey, "Save the sections", "draft report after editing")
    page.get_by_role("link", name="Finalise the report").click()
    page.wait_for_load_state()
    _submit(journey, "Finalise the report", "finalise with errors")
    page.get_by_label("I have completed the author's sections").check()
    _submit(journey, "Finalise the report", "finalised report")
    report = Report.objects.get(council=personas.council)
    assert report.status == Report.Status.FINAL
    journey.sign_out()

    journey.sign_in(personas.committee.user.username)
    journey.visit("/programme/reports/", label="committee's reports")
    journey.visit(f"/programme/reports/{report.public_id}/", label="committee reads the report")
    assert page.get_by_text("Receives a further report.").is_visible()
    journey.sign_out()
    journey.assert_clean()
