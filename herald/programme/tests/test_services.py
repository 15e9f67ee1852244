"""The programme's writes: the plan's rules, money, links, figures, feed tokens, reports frozen
when finalised, and the scheduled reports sent once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.core.testing import StaffMemberFactory, make_member
from herald.core.transitions import TransitionNotAllowed
from herald.councils.roles import Role
from herald.programme.models import DigestRun, FeedToken, LinkClickDay, Phase, Report, Task
from herald.programme.services import feed, figures, links, money, plan, reports, scheduled
from herald.programme.services.figures import BadFigure
from herald.programme.services.links import BadLink
from herald.programme.services.plan import BadPlan
from herald.programme.services.reports import BadPeriod, ReportFrozen
from herald.programme.tests.conftest import Setup

pytestmark = pytest.mark.django_db

D = datetime.date


def _phase(setup: Setup) -> Phase:
    return plan.save_phase(
        council=setup.council,
        actor=SYSTEM,
        name="Support",
        deliverables="Ambassadors",
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 3, 31),
        measure="tasks",
        completed_on=None,
    )


def _task(setup: Setup, phase: Phase, title: str, **extra: Any) -> Task:
    values = {"owner": None, "starts_on": D(2026, 1, 1), "due_on": D(2026, 2, 1), "progress": 0}
    return plan.save_task(
        council=setup.council, phase=phase, actor=SYSTEM, title=title, **(values | extra)
    )


def test_phases_are_numbered_in_order_and_refuse_backwards_dates(setup: Setup) -> None:
    first, second = _phase(setup), _phase(setup)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(BadPlan, match="due date must be on or after"):
        plan.save_phase(
            council=setup.council,
            actor=SYSTEM,
            phase=first,
            name="x",
            deliverables="y",
            starts_on=D(2026, 5, 1),
            due_on=D(2026, 4, 1),
            measure="tasks",
            completed_on=None,
        )
    first.refresh_from_db()
    assert first.due_on == D(2026, 3, 31)
    assert AuditEvent.objects.filter(action="programme.phase_saved").count() == 2


def test_task_dependencies_cannot_loop(setup: Setup) -> None:
    phase = _phase(setup)
    a = _task(setup, phase, "A")
    b = _task(setup, phase, "B", depends_on=[a])
    c = _task(setup, phase, "C", depends_on=[b])
    with pytest.raises(BadPlan, match="cannot depend on itself"):
        _task(setup, phase, "A", task=a, depends_on=[c])
    assert list(a.depends_on.all()) == []


def test_a_task_owner_must_work_for_the_council_and_progress_is_a_percentage(setup: Setup) -> None:
    phase = _phase(setup)
    with pytest.raises(BadPlan, match="owner from this council"):
        _task(setup, phase, "A", owner=StaffMemberFactory(council=setup.other))
    with pytest.raises(BadPlan, match="between 0 and 100"):
        _task(setup, phase, "A", progress=101)
    done = _task(setup, phase, "B", progress=20, completed_on=D(2026, 1, 20))
    assert done.progress == 100


def test_unit_costs_and_spend_refuse_nonsense(setup: Setup) -> None:
    with pytest.raises(money.BadMoney):
        money.set_unit_cost(
            council=setup.council, channel="phone", pence=200_000, source="", actor=SYSTEM
        )
    with pytest.raises(money.BadMoney):
        money.set_unit_cost(
            council=setup.council, channel="pigeon", pence=1, source="", actor=SYSTEM
        )
    budget = money.add_budget(
        council=setup.council, name="Digital", financial_year=2026, amount_pence=1000, actor=SYSTEM
    )
    with pytest.raises(money.BadMoney, match="already a budget"):
        money.add_budget(
            council=setup.council, name="Digital", financial_year=2026, amount_pence=5, actor=SYSTEM
        )
    other = money.add_budget(
        council=setup.other, name="Theirs", financial_year=2026, amount_pence=5, actor=SYSTEM
    )
    with pytest.raises(money.BadMoney, match="this council's budgets"):
        money.record_spend(
            council=setup.council,
            budget=other,
            spent_on=D(2026, 4, 2),
            amount_pence=10,
            description="x",
            actor=SYSTEM,
        )
    assert not budget.spend.exists()


def test_a_short_link_counts_clicks_a_day_and_nothing_else(setup: Setup) -> None:
    with pytest.raises(BadLink):
        links.create_link(
            council=setup.council, target_url="javascript:alert(1)", label="x", actor=SYSTEM
        )
    link = links.create_link(
        council=setup.council, target_url="https://example.org/bins", label="Bins", actor=SYSTEM
    )
    assert len(link.code) == 7
    for _ in range(3):
        links.record_click(link=link)
    assert LinkClickDay.objects.get(link=link).clicks == 3
    # The click table holds a link, a day and a count: no column could hold a person.
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), LinkClickDay._meta.db_table
        )
    }
    assert columns == {"id", "link_id", "day", "clicks"}


def test_a_figures_csv_with_one_bad_row_saves_nothing(setup: Setup) -> None:
    good = f"kind,month,account,value\nfollowers,2026-01,{setup.account.handle},1200\n"
    with pytest.raises(BadFigure, match="Row 3"):
        figures.import_figures(
            council=setup.council, text=good + "followers,2026-02,nobody,5\n", actor=SYSTEM
        )
    assert not setup.council.programme_figures.exists()
    with pytest.raises(BadFigure, match="name the columns"):
        figures.import_figures(council=setup.council, text="a,b\n1,2\n", actor=SYSTEM)
    assert figures.import_figures(council=setup.council, text=good, actor=SYSTEM) == 1
    assert figures.import_figures(council=setup.council, text=good, actor=SYSTEM) == 1
    assert setup.council.programme_figures.get().value == 1200  # a month is replaced, not doubled


def test_feed_tokens_are_encrypted_found_by_digest_and_revocable(setup: Setup) -> None:
    token, text = feed.create_feed_token(council=setup.council, label="Power BI", actor=SYSTEM)
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM programme_feedtoken WHERE id = %s", [token.pk])
        stored = cursor.fetchone()[0]
    assert text not in stored
    assert feed.council_for_token(text) == setup.council
    assert feed.council_for_token(text + "x") is None
    feed.revoke_feed_token(token=token, actor=SYSTEM)
    assert feed.council_for_token(text) is None
    assert FeedToken.objects.get().token.reveal() == text


def test_a_finalised_report_is_frozen_with_its_hash(setup: Setup) -> None:
    with pytest.raises(BadPeriod):
        reports.create_report(
            council=setup.council, period_from=D(2026, 6, 1), period_to=D(2026, 1, 1), actor=SYSTEM
        )
    report = reports.create_report(
        council=setup.council, period_from=D(2026, 1, 1), period_to=D(2026, 6, 30), actor=SYSTEM
    )
    reports.edit_report(
        report=report,
        title="Six-month report",
        sections={"recommendations": "Notes the progress."},
        actor=SYSTEM,
    )
    reports.finalise_report(report=report, actor=SYSTEM)
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL
    assert "Notes the progress." in report.final_html
    assert bytes(report.final_pdf).startswith(b"%PDF")
    assert len(report.content_hash) == 64
    assert [c.to_status for c in report.status_changes.all()] == ["draft", "final"]
    with pytest.raises(ReportFrozen):
        reports.edit_report(report=report, title="Changed", sections={}, actor=SYSTEM)
    with pytest.raises(TransitionNotAllowed):
        reports.finalise_report(report=report, actor=SYSTEM)
    assert reports.report_pdf(report=report) == bytes(report.final_pdf)


def test_the_monthly_digest_goes_once_to_the_digital_team_and_heads_of_service(
    setup: Setup,
) -> None:
    digital = make_member(council=setup.council, username="digital", roles=(Role.DIGITAL_TEAM,))
    head = StaffMemberFactory(
        council=setup.council, service=setup.service, email="head@example.org"
    )
    StaffMemberFactory(
        council=setup.council, service=setup.service, line_manager=head, email="officer@example.org"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert scheduled.send_monthly_digest(council=setup.council, today=D(2026, 3, 2))
        assert not scheduled.send_monthly_digest(council=setup.council, today=D(2026, 3, 3))
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {digital.user.email, "head@example.org"}
    assert "February 2026" in mail.outbox[0].subject
    assert "First responses within target" in mail.outbox[0].body


def test_the_quarterly_draft_is_made_once_a_quarter(setup: Setup) -> None:
    digital = make_member(council=setup.council, username="digital", roles=(Role.DIGITAL_TEAM,))
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = scheduled.draft_quarterly_report(council=setup.council, today=D(2026, 4, 3))
    assert [m.to for m in mail.outbox] == [[digital.user.email]]
    assert f"/programme/reports/{made.public_id if made else ''}/" in mail.outbox[0].body
    assert made is not None
    assert (made.period_from, made.period_to) == (D(2026, 1, 1), D(2026, 3, 31))
    assert scheduled.draft_quarterly_report(council=setup.council, today=D(2026, 4, 20)) is None
    assert DigestRun.objects.count() == 1
