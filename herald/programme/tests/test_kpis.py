"""The KPIs from rows made directly in listening, inbox, publishing and the programme."""

from __future__ import annotations

import datetime

import pytest

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.listening import reporting as listening
from herald.programme.kpis import Kpi, all_kpis
from herald.programme.models import RecordedFigure
from herald.programme.periods import Period
from herald.programme.services import figures, money
from herald.programme.tests.conftest import Setup, conversation, rollup
from herald.publishing.models import Campaign

pytestmark = pytest.mark.django_db

PERIOD = Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
JAN, FEB, MAR = (datetime.date(2026, m, 1) for m in (1, 2, 3))


def kpis(setup: Setup) -> dict[str, Kpi]:
    return {k.key: k for k in all_kpis(council=setup.council, period=PERIOD)}


def test_every_kpi_says_it_has_no_data_for_an_empty_period(setup: Setup) -> None:
    found = all_kpis(council=setup.council, period=PERIOD)
    assert len(found) == 11
    for kpi in found:
        assert not kpi.has_data, kpi.key
        assert kpi.no_data
        assert kpi.definition
        assert kpi.target_text
        assert [m for m, _ in kpi.trend] == [JAN, FEB, MAR]


def test_net_sentiment_reads_only_the_all_queries_rollups(setup: Setup) -> None:
    rollup(setup.council, datetime.date(2026, 1, 5), positive=6, negative=2, neutral=2)
    rollup(setup.council, datetime.date(2026, 3, 5), positive=1, negative=4)
    # Per-query rows count the same mentions again, and another council's are not ours.
    rollup(setup.council, datetime.date(2026, 1, 5), positive=6, negative=2, neutral=2, query=7)
    rollup(setup.other, datetime.date(2026, 1, 5), positive=0, negative=50)
    rollup(setup.council, datetime.date(2026, 4, 1), positive=0, negative=50)  # after the period
    kpi = kpis(setup)["net_sentiment"]
    assert kpi.value == pytest.approx(100 * (7 - 6) / 15)
    assert kpi.trend == [(JAN, pytest.approx(40.0)), (FEB, None), (MAR, pytest.approx(-60.0))]
    assert kpi.met is True


def test_contacts_by_outcome_are_costed_against_a_phone_call(setup: Setup) -> None:
    day = datetime.date(2026, 2, 10)
    for outcome in ("answered", "answered", "signposted_online", "phone", "no_action"):
        conversation(setup, day, outcome=outcome)
    conversation(setup, day)  # still open: no outcome, not counted
    conversation(setup, day, outcome="answered", council=setup.other)
    found = kpis(setup)
    assert found["contacts_handled"].value == 5
    # Defaults: phone £2.83, social £0.15, web £0.15: 2 × 2.68 + 1 × 2.68.
    assert found["estimated_savings"].value == pytest.approx(8.04)
    money.set_unit_cost(
        council=setup.council, channel="social", pence=83, source="Own", actor=SYSTEM
    )
    assert kpis(setup)["estimated_savings"].value == pytest.approx(2 * 2.00 + 2.68)
    event = AuditEvent.objects.get(action="programme.unit_cost_set")
    assert event.changes["pence"] == [15, 83]


def test_response_times_and_satisfaction_from_the_inbox(setup: Setup) -> None:
    day = datetime.date(2026, 1, 20)
    conversation(setup, day, target_hours=4, responded_in_hours=1, satisfaction=5)
    conversation(setup, day, target_hours=4, responded_in_hours=4, satisfaction=3)
    conversation(setup, day, target_hours=4, responded_in_hours=6)
    conversation(setup, day, target_hours=4)  # never answered
    conversation(setup, day)  # no target: not counted
    found = kpis(setup)
    assert found["response_within_target"].value == 50
    assert found["response_within_target"].met is False
    assert found["satisfaction"].value == 4
    assert found["satisfaction"].met is True


def test_spend_is_a_share_of_the_financial_years_budget(setup: Setup) -> None:
    period = Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 5, 31))
    budget = money.add_budget(
        council=setup.council,
        name="Digital First",
        financial_year=2026,
        amount_pence=100_000,
        actor=SYSTEM,
    )
    money.record_spend(
        council=setup.council,
        budget=budget,
        spent_on=datetime.date(2026, 4, 2),
        amount_pence=30_000,
        description="Licences",
        actor=SYSTEM,
    )
    money.record_spend(
        council=setup.council,
        budget=budget,
        spent_on=datetime.date(2026, 5, 2),
        amount_pence=-5_000,
        description="Refund",
        actor=SYSTEM,
    )
    kpi = {k.key: k for k in all_kpis(council=setup.council, period=period)}["spend_against_budget"]
    assert kpi.value == 25
    assert kpi.met is True
    assert kpi.trend == [(datetime.date(2026, 4, 1), 300.0), (datetime.date(2026, 5, 1), 250.0)]


def test_audience_growth_and_participation_from_recorded_figures(setup: Setup) -> None:
    for month, value in ((JAN, 1000), (MAR, 1100)):
        figures.record_figure(
            council=setup.council,
            kind=RecordedFigure.Kind.FOLLOWERS,
            month=month,
            value=value,
            account=setup.account,
            actor=SYSTEM,
        )
    figures.record_figure(
        council=setup.council,
        kind=RecordedFigure.Kind.LIVESTREAM_VIEWS,
        month=FEB,
        value=420,
        actor=SYSTEM,
    )
    found = kpis(setup)
    assert found["audience_growth"].value == pytest.approx(10.0)
    assert found["livestream_views"].value == 420
    assert not found["registrations"].has_data


def test_consultation_engagement_counts_its_conversations(setup: Setup) -> None:
    consult = Campaign.objects.create(
        council=setup.council,
        name="Budget 2027",
        is_consultation=True,
        starts_on=JAN,
        ends_on=datetime.date(2026, 2, 28),
    )
    plain = Campaign.objects.create(council=setup.council, name="Summer reading", starts_on=JAN)
    conversation(setup, datetime.date(2026, 2, 3), campaign=consult)
    conversation(setup, datetime.date(2026, 2, 4), campaign=consult)
    conversation(setup, datetime.date(2026, 2, 4), campaign=plain)
    kpi = kpis(setup)["consultation_engagement"]
    assert kpi.value == 2
    assert kpi.trend == [(JAN, 0.0), (FEB, 2.0), (MAR, 0.0)]
    assert kpi.breakdown[0][0] == "Budget 2027"


def test_mentions_by_service_are_busiest_first(setup: Setup) -> None:
    rollup(setup.council, datetime.date(2026, 1, 5), positive=1, negative=1, service="waste")
    rollup(setup.council, datetime.date(2026, 1, 5), positive=5, negative=0, service="libraries")
    rows = listening.mentions_by_service(
        council=setup.council, start=PERIOD.starts_at, end=PERIOD.ends_at
    )
    assert rows == [("libraries", 5, 0), ("waste", 2, 1)]


def test_the_reports_figures_cost_the_same_queries_however_much_data(setup: Setup) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from herald.programme.report.content import build_content  # noqa: PLC0415
    from herald.programme.services import plan  # noqa: PLC0415

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_content(
                council=setup.council,
                period=PERIOD,
                title="T",
                sections={},
                today=datetime.date(2026, 3, 31),
            )
        return len(captured)

    phase = plan.save_phase(
        council=setup.council,
        actor=SYSTEM,
        name="P",
        deliverables="D",
        starts_on=JAN,
        due_on=MAR,
        measure="tasks",
        completed_on=None,
    )
    plan.save_task(
        council=setup.council,
        phase=phase,
        actor=SYSTEM,
        title="T0",
        owner=None,
        starts_on=JAN,
        due_on=MAR,
        progress=10,
    )
    conversation(setup, datetime.date(2026, 1, 3), outcome="answered")
    few = queries()
    for n in range(5):
        plan.save_task(
            council=setup.council,
            phase=phase,
            actor=SYSTEM,
            title=f"T{n + 1}",
            owner=None,
            starts_on=JAN,
            due_on=MAR,
            progress=10,
        )
        conversation(setup, datetime.date(2026, 2, n + 1), outcome="phone", satisfaction=4)
        rollup(setup.council, datetime.date(2026, 3, n + 1), positive=3, negative=1)
    assert queries() == few


def test_the_councils_own_target_replaces_the_default(setup: Setup) -> None:
    from herald.programme.kpis import KPI_UNITS  # noqa: PLC0415

    assert set(KPI_UNITS) == set(kpis(setup))
    day = datetime.date(2026, 1, 20)
    conversation(setup, day, target_hours=4, responded_in_hours=1)
    conversation(setup, day, target_hours=4, responded_in_hours=5)
    assert kpis(setup)["response_within_target"].met is False  # 50% against the default 90%
    money.set_kpi_target(
        council=setup.council, key="response_within_target", value=50, unit="percent", actor=SYSTEM
    )
    kpi = kpis(setup)["response_within_target"]
    assert kpi.met is True
    assert kpi.target_text == "At least 50% (the council's target)"
    with pytest.raises(money.BadMoney, match="between 1 and 5"):
        money.set_kpi_target(
            council=setup.council, key="satisfaction", value=7, unit="score", actor=SYSTEM
        )
    assert AuditEvent.objects.filter(action="programme.kpi_target_set").count() == 1
