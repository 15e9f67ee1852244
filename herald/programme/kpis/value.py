"""Aim 1, value for money (report ¶17, ¶25): contacts handled on social media costed against the
channel they would otherwise have used, and spend against budget."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.inbox import reporting as inbox
from herald.programme import selectors
from herald.programme.kpis.base import Aim, Kpi, Unit, show
from herald.programme.periods import Period, financial_year

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.inbox.reporting import InboxMonth

OUTCOME_LABELS = {
    "answered": "Answered on social media",
    "signposted_online": "Signposted to an online form or page",
    "phone": "Passed to phone",
    "face_to_face": "Passed to face to face",
    "no_action": "No action",
}


def saving_per_contact(costs: dict[str, tuple[int, str]]) -> dict[str, int]:
    """Pence saved per contact by outcome, against a phone call (the contact it replaces)."""
    phone = costs["phone"][0]
    return {
        "answered": phone - costs["social"][0],
        "signposted_online": phone - costs["web"][0],
        "phone": 0,
        "face_to_face": 0,
        "no_action": 0,
    }


def _saving(month: InboxMonth, saving: dict[str, int]) -> float:
    return sum(saving.get(outcome, 0) * n for outcome, n in month.outcomes.items()) / 100


def value_kpis(*, council: Council, period: Period, inbox_months: list[InboxMonth]) -> list[Kpi]:
    costs = selectors.unit_costs(council=council)
    saving = saving_per_contact(costs)
    by_month = {m.month: m for m in inbox_months}
    handled = [sum(m.outcomes.values()) for m in inbox_months]
    totals: dict[str, int] = {}
    for m in inbox_months:
        for outcome, n in m.outcomes.items():
            totals[outcome] = totals.get(outcome, 0) + n
    any_contacts = sum(handled) > 0
    cost_text = ", ".join(
        f"{name} £{costs[key][0] / 100:.2f}"
        for key, name in (
            ("face_to_face", "face to face"),
            ("phone", "phone"),
            ("web", "web"),
            ("social", "social media"),
        )
    )
    contacts = Kpi(
        key="contacts_handled",
        aim=Aim.VALUE,
        name="Contacts handled on social media",
        definition="Conversations with residents that began in the period and were closed "
        "with an outcome, counted by how they were handled.",
        unit=Unit.COUNT,
        value=float(sum(handled)) if any_contacts else None,
        target=None,
        target_text="No target: the figure the savings are worked out from",
        no_data="No conversation in this period has been closed with an outcome.",
        trend=[
            (month, float(sum(by_month[month].outcomes.values())) if month in by_month else None)
            for month in period.months
        ],
        breakdown=[(OUTCOME_LABELS.get(k, k), f"{v:,}") for k, v in sorted(totals.items())],
    )
    savings = Kpi(
        key="estimated_savings",
        aim=Aim.VALUE,
        name="Estimated savings from channel shift",
        definition="Each contact answered on social media saves a phone call less the cost of a "
        "social media contact; each one signposted online saves a phone call less a web contact. "
        f"Unit costs per contact: {cost_text}.",
        unit=Unit.POUNDS,
        value=sum(_saving(m, saving) for m in inbox_months) if any_contacts else None,
        target=None,
        target_text="To rise each quarter",
        no_data="No conversation in this period has been closed with an outcome, so there is "
        "nothing to cost.",
        trend=[
            (month, _saving(by_month[month], saving) if month in by_month else None)
            for month in period.months
        ],
    )
    return [contacts, savings, _spend_kpi(council=council, period=period)]


def _spend_kpi(*, council: Council, period: Period) -> Kpi:
    year = financial_year(period.end)
    year_start = datetime.date(year, 4, 1)
    budget = sum(b.amount_pence for b in council.programme_budgets.filter(financial_year=year))
    spent = selectors.spend_between(council=council, start=year_start, end=period.end)
    trend: list[tuple[datetime.date, float | None]] = []
    for month in period.months:
        month_end = min(
            period.end,
            (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1),
        )
        fy_start = datetime.date(financial_year(month), 4, 1)
        trend.append(
            (month, selectors.spend_between(council=council, start=fy_start, end=month_end) / 100)
        )
    return Kpi(
        key="spend_against_budget",
        aim=Aim.VALUE,
        name="Spend against budget",
        definition=f"Spend recorded in the {year}-{(year + 1) % 100:02d} financial year to "
        f"{period.end:%-d %B %Y}, as a share of that year's budget lines "
        f"(£{budget / 100:,.0f}). The trend is spend to date in each month's financial year.",
        unit=Unit.PERCENT,
        value=100 * spent / budget if budget else None,
        target=100.0,
        target_text="Within existing budgets (paragraph 25): at most 100%",
        no_data=f"No budget is recorded for {year}-{(year + 1) % 100:02d}."
        + (f" Spend recorded: {show(spent / 100, Unit.POUNDS)}." if spent else ""),
        trend=trend,
        trend_unit=Unit.POUNDS,
        higher_is_better=False,
        breakdown=[
            ("Budget", show(budget / 100, Unit.POUNDS)),
            ("Spent this financial year", show(spent / 100, Unit.POUNDS)),
        ],
    )


def inbox_months(*, council: Council, period: Period) -> list[InboxMonth]:
    return inbox.inbox_by_month(council=council, start=period.starts_at, end=period.ends_at)
