"""Role × page matrix for the programme: the digital team and council administrators edit the
plan, money, figures, links, reports and the feed; committee members read the plan, the KPIs and
finalised reports; everyone else sees nothing. Another council's objects are a 404."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.programme.services import plan, reports

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    phase: str
    task: str
    report: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    phase = plan.save_phase(
        council=personas.council,
        actor=SYSTEM,
        name="Support",
        deliverables="Ambassadors",
        starts_on=datetime.date(2026, 1, 1),
        due_on=datetime.date(2026, 3, 31),
        measure="tasks",
        completed_on=None,
    )
    task = plan.save_task(
        council=personas.council,
        phase=phase,
        actor=SYSTEM,
        title="Recruit ambassadors",
        owner=None,
        starts_on=datetime.date(2026, 1, 1),
        due_on=datetime.date(2026, 2, 1),
        progress=10,
    )
    report = reports.create_report(
        council=personas.council,
        period_from=datetime.date(2026, 1, 1),
        period_to=datetime.date(2026, 1, 31),
        actor=SYSTEM,
    )
    reports.finalise_report(report=report, actor=SYSTEM)
    return Objects(str(phase.public_id), str(task.public_id), str(report.public_id))


PAGES = [
    # Readers' pages.
    "/programme/",
    "/programme/kpis/",
    "/programme/reports/",
    "/programme/reports/{report}/",
    "/programme/reports/{report}/report.pdf",
    "/programme/exports/kpis.csv",
    # Editors' pages.
    "/programme/kpis/targets/",
    "/programme/phases/new/",
    "/programme/phases/{phase}/",
    "/programme/phases/{phase}/tasks/new/",
    "/programme/tasks/{task}/",
    "/programme/unit-costs/",
    "/programme/budgets/",
    "/programme/budgets/new/",
    "/programme/spend/new/",
    "/programme/figures/",
    "/programme/links/",
    "/programme/reports/new/",
    "/programme/exports/spend.csv",
    "/programme/feed/",
]

_READ = [OK] * 6
_EDIT = [OK] * 14
_NONE = [NO] * 14
MATRIX = {
    "digital_lead": [*_READ, *_EDIT],
    "admin": [*_READ, *_EDIT],
    "committee": [*_READ, *_NONE],
    **{
        persona: [NO] * 20
        for persona in (
            "officer",
            "editor",
            "approver",
            "ict",
            "hr",
            "line_manager",
            "staff",
            "ambassador",
        )
    },
    # An administrator of the other council: its own programme, none of our objects.
    "outsider": [
        *(OK, OK, OK, GONE, GONE, OK),  # reading: our finalised report is not theirs
        *(OK, OK, GONE, GONE, GONE),  # targets, a new phase; our phase and task are 404
        *(OK,) * 9,
    ],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_programme_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
