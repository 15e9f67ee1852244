"""Demo data for the programme: Aldermoor's five phases from the report's timetable with their
tasks, its own unit costs, the Digital First budget and spend, short links with clicks, audience
and participation figures, and a draft six-month report to Policy Committee.

Runs last (programme sits above every other context), so the figures the draft report shows come
from the other contexts' demos. Idempotent: a council that has phases is left alone.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.programme.models import LinkClickDay, Phase, RecordedFigure
from herald.programme.periods import Period, financial_year, next_month
from herald.programme.services import figures, links, money, plan, reports

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember

DEMO = SYSTEM
M = Phase.Measure
D = datetime.timedelta

# (name, deliverables, start and due in days from approval, measure, tasks)
PHASES = (
    (
        "Rationalisation and basic housekeeping of existing social media accounts",
        "Delete old or unnecessary profiles\nEnsure appropriate branding\nEnsure the digital team has access",
        0,
        45,
        M.ACCOUNTS_HEALTHY,
        (
            ("Audit every council account against the register", "com-2", 0, 20, 100, False),
            ("Close dormant and duplicate accounts", "com-2", 10, 40, 100, False),
            ("Digital team admin access on every account", "com-1", 10, 45, 100, True),
        ),
    ),
    (
        "Implement content strategy across corporate social media accounts",
        "Ensure a content and publishing schedule is in place",
        30,
        75,
        M.SCHEDULES_MET,
        (
            ("Publishing schedule for each corporate account", "com-1", 30, 60, 100, False),
            ("Quarterly campaign calendar agreed with services", "com-3", 40, 75, 90, True),
        ),
    ),
    (
        "Communication of basic standards",
        "Proactively communicate and promote the Social Media Policy and Guidelines",
        60,
        105,
        M.POLICY_ACKNOWLEDGED,
        (
            ("Policy and Guidelines published to all staff", "hr-1", 60, 70, 100, True),
            ("Managers' briefing pack", "hr-1", 65, 100, 100, False),
        ),
    ),
    (
        "Implementation of standards for profiles not already meeting them",
        "Address with individual services as needed",
        90,
        135,
        M.TASKS,
        (
            ("Service-by-service review of account standards", "com-2", 90, 130, 80, False),
            ("Two-factor authentication on every account", "ict-2", 90, 135, 70, True),
        ),
    ),
    (
        "Support",
        "Identify social media ambassadors\nProvide bespoke training to relevant individuals and services\n"
        "Establish a digital e-learning module for all staff including social media standards",
        100,
        200,
        M.ELEARNING_COMPLETED,
        (
            ("Recruit an ambassador in each service", "com-1", 100, 160, 75, False),
            ("Bespoke training for service account owners", "hr-3", 110, 190, 50, False),
            ("E-learning module live for all staff", "hr-3", 100, 150, 100, True),
        ),
    ),
)

SECTIONS = {
    "commentary": (
        "Housekeeping of the estate is complete: old and duplicate accounts have been closed and "
        "the digital team now holds administrator access to every remaining account.\n"
        "Residents increasingly contact the council through social media; most of those contacts "
        "are answered there, avoiding a phone call, and the estimated savings are shown below using "
        "the council's own unit costs.\n"
        "Take-up of the e-learning module and acknowledgement of the Policy continue to rise, but "
        "are not yet universal; the Support phase runs until the end of the period."
    ),
    "risks": (
        "Services that have not yet met the standards (phase 4) are being supported one by one; "
        "two-factor authentication remains outstanding on a small number of accounts.\n"
        "Response times depend on cover in the digital team at peak times such as severe weather."
    ),
    "financial": (
        "All expenditure on the social media Digital First work stream remains within existing "
        "budgets, as the spend against budget indicator above shows. There are no new financial "
        "implications."
    ),
    "recommendations": (
        "Notes the progress made in implementing the Social Media Policy, Strategy and Guidelines.\n"
        "Endorses the continued use of the three strategic aims' indicators in future reports.\n"
        "Receives a further report in twelve months' time."
    ),
    "author": "Isla Penrose, Digital Communications Manager, on behalf of the Leader of the Council",
    "contact": "Isla Penrose, Digital Communications Manager (digital@aldermoor.example.gov.uk)",
}

LINKS = (
    ("Report a missed bin", "https://www.aldermoor.example.gov.uk/bins/missed", 14),
    ("Renew library books", "https://www.aldermoor.example.gov.uk/libraries/renew", 9),
    ("Register to vote", "https://www.gov.uk/register-to-vote", 6),
    (
        "Have your say: the budget consultation",
        "https://www.aldermoor.example.gov.uk/consult/budget",
        4,
    ),
)


def load_demo(*, council: Council) -> None:
    if council.slug != "aldermoor" or council.programme_phases.exists():
        return
    today = timezone.localdate()
    approved = today - D(days=182)
    _plan(council, approved, _staff_by_reference(council))
    _money(council, today)
    _links(council, today)
    _figures(council, today)
    period = Period(start=approved, end=today)
    report = reports.create_report(
        council=council,
        period_from=period.start,
        period_to=period.end,
        actor=DEMO,
        title="Social media policy, strategy and guidelines: six-month implementation report",
    )
    reports.edit_report(
        report=report, title=report.title, sections={**report.sections, **SECTIONS}, actor=DEMO
    )


def _staff_by_reference(council: Council) -> dict[str, StaffMember]:
    """Demo staff by their reference in the councils demo (com-1 is the first com- person)."""
    from herald.councils.demo.data import ALDERMOOR_STAFF  # noqa: PLC0415 - demo only

    by_name = {s.full_name: s for s in council.staff_members.all()}
    return {
        spec.key: by_name[f"{spec.first_name} {spec.last_name}"]
        for spec in ALDERMOOR_STAFF
        if f"{spec.first_name} {spec.last_name}" in by_name
    }


def _plan(council: Council, approved: datetime.date, staff: dict[str, StaffMember]) -> None:
    previous = None
    for name, deliverables, start, due, measure, tasks in PHASES:
        phase = plan.save_phase(
            council=council,
            actor=DEMO,
            name=name,
            deliverables=deliverables,
            starts_on=approved + D(days=start),
            due_on=approved + D(days=due),
            measure=measure,
            completed_on=approved + D(days=due - 2) if measure == M.ACCOUNTS_HEALTHY else None,
        )
        for title, owner, t_start, t_due, progress, milestone in tasks:
            done = approved + D(days=t_due - 1) if progress == 100 else None
            previous = plan.save_task(
                council=council,
                phase=phase,
                actor=DEMO,
                title=title,
                owner=staff.get(owner),
                starts_on=approved + D(days=t_start),
                due_on=approved + D(days=t_due),
                progress=progress,
                is_milestone=milestone,
                completed_on=done,
                depends_on=[previous] if previous and milestone else [],
            )


def _money(council: Council, today: datetime.date) -> None:
    money.set_unit_cost(
        council=council,
        channel="social",
        pence=42,
        source="Aldermoor channel costing 2025 (digital team time per reply)",
        actor=DEMO,
    )
    money.set_unit_cost(
        council=council,
        channel="phone",
        pence=312,
        source="Aldermoor contact centre costing 2025",
        actor=DEMO,
    )
    year = financial_year(today)
    budget = money.add_budget(
        council=council,
        name="Digital First work stream",
        financial_year=year,
        amount_pence=4_500_000,
        actor=DEMO,
    )
    lines = (
        ("Social media management licences", "Herald hosting partner", 650_00),
        ("Bespoke training sessions for account owners", "Aldermoor Learning", 420_00),
        ("Promoted posts: register to vote", "Meta Platforms Ireland", 150_00),
        ("Accessible video captioning", "Captionworks Ltd", 95_00),
    )
    month = datetime.date(year, 4, 1)
    while month + D(days=9) <= today:
        for description, supplier, pence in lines:
            money.record_spend(
                council=council,
                budget=budget,
                spent_on=month + D(days=9),
                amount_pence=pence,
                description=description,
                supplier=supplier,
                actor=DEMO,
            )
        month = next_month(month)


def _links(council: Council, today: datetime.date) -> None:
    rng = random.Random(11)  # noqa: S311 - demo figures, not security
    rows = []
    for label, url, daily in LINKS:
        link = links.create_link(council=council, target_url=url, label=label, actor=DEMO)
        rows += [
            LinkClickDay(
                link=link, day=today - D(days=n), clicks=max(0, int(rng.gauss(daily, daily / 3)))
            )
            for n in range(1, 181)
        ]
    # Historic daily counts, made directly: a click is not an audited change.
    LinkClickDay.objects.bulk_create(rows)


def _figures(council: Council, today: datetime.date) -> None:
    corporate = list(council.social_accounts.open().filter(kind="corporate").order_by("name")[:4])
    month = (today.replace(day=1) - D(days=200)).replace(day=1)
    step = 0
    while month <= today:
        for n, account in enumerate(corporate):
            figures.record_figure(
                council=council,
                kind=RecordedFigure.Kind.FOLLOWERS,
                month=month,
                value=int((8000 + 3000 * n) * (1 + 0.012 * step)),
                account=account,
                actor=DEMO,
            )
        figures.record_figure(
            council=council,
            kind=RecordedFigure.Kind.LIVESTREAM_VIEWS,
            month=month,
            value=300 + 45 * step,
            actor=DEMO,
        )
        if step >= 3:
            figures.record_figure(
                council=council,
                kind=RecordedFigure.Kind.REGISTRATIONS,
                month=month,
                value=120 + 60 * (step - 3),
                actor=DEMO,
            )
        month, step = next_month(month), step + 1
