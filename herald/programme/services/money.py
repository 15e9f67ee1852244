"""Unit costs per channel, budgets and spend (report ¶17 value for money, ¶25 budgets)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.programme.models import BudgetLine, KpiTarget, SpendEntry, UnitCost
from herald.programme.selectors import DEFAULT_UNIT_COSTS

if TYPE_CHECKING:
    from herald.councils.models import Council

MAX_UNIT_PENCE = 100_000  # £1,000 a contact: beyond that it is a typing slip


class BadMoney(DomainError):
    code = "bad_money"


@transaction.atomic
def set_unit_cost(
    *, council: Council, channel: str, pence: int, source: str, actor: Actor
) -> UnitCost:
    """The council's own cost of one contact on a channel; the old and new figures are audited."""
    if channel not in UnitCost.Channel.values:
        raise BadMoney("Choose a channel.")
    if not 0 <= pence <= MAX_UNIT_PENCE:
        raise BadMoney("A unit cost must be between £0 and £1,000.")
    cost, _ = UnitCost.objects.select_for_update().get_or_create(
        council=council,
        channel=channel,
        defaults={"pence": DEFAULT_UNIT_COSTS[UnitCost.Channel(channel)]},
    )
    old = cost.pence
    cost.pence, cost.source = pence, source.strip()
    cost.save()
    record(
        council=council,
        actor=actor,
        action="programme.unit_cost_set",
        target=cost,
        summary=f"{cost.get_channel_display()} unit cost £{old / 100:.2f} → £{pence / 100:.2f}",
        changes={"pence": [old, pence], "source": source.strip()},
    )
    return cost


@transaction.atomic
def add_budget(
    *, council: Council, name: str, financial_year: int, amount_pence: int, actor: Actor
) -> BudgetLine:
    if amount_pence <= 0:
        raise BadMoney("A budget must be more than £0.")
    if council.programme_budgets.filter(financial_year=financial_year, name=name.strip()).exists():
        raise BadMoney("There is already a budget line with this name for that year.")
    budget = BudgetLine.objects.create(
        council=council,
        name=name.strip(),
        financial_year=financial_year,
        amount_pence=amount_pence,
    )
    record(
        council=council,
        actor=actor,
        action="programme.budget_added",
        target=budget,
        summary=f"Added budget {budget}: £{amount_pence / 100:,.2f}",
    )
    return budget


@transaction.atomic
def record_spend(
    *,
    council: Council,
    budget: BudgetLine,
    spent_on: datetime.date,
    amount_pence: int,
    description: str,
    supplier: str = "",
    actor: Actor,
) -> SpendEntry:
    """A line in the spend ledger. A correction is a negative line, never an edit."""
    if budget.council_id != council.pk:
        raise BadMoney("Choose one of this council's budgets.")
    if amount_pence == 0:
        raise BadMoney("Enter an amount other than £0.")
    if spent_on > timezone.localdate():
        raise BadMoney("Spend cannot be recorded for a future date.")
    entry = SpendEntry.objects.create(
        council=council,
        budget=budget,
        spent_on=spent_on,
        amount_pence=amount_pence,
        description=description.strip(),
        supplier=supplier.strip(),
    )
    record(
        council=council,
        actor=actor,
        action="programme.spend_recorded",
        target=entry,
        summary=f"Spend £{amount_pence / 100:,.2f} against {budget}: {description.strip()}",
    )
    return entry


# The range a target may take for each kind of figure.
TARGET_RANGES = {
    "percent": (0.0, 1000.0),
    "score": (1.0, 5.0),
    "net": (-100.0, 100.0),
    "count": (0.0, 1e12),
    "pounds": (0.0, 1e12),
}


@transaction.atomic
def set_kpi_target(
    *, council: Council, key: str, value: float, unit: str, actor: Actor
) -> KpiTarget:
    """The council's own target for a KPI, within the range its figure can take; audited."""
    low, high = TARGET_RANGES[unit]
    if not low <= value <= high:
        raise BadMoney(f"A target for this figure must be between {low:g} and {high:g}.")
    target, created = KpiTarget.objects.select_for_update().get_or_create(
        council=council, key=key, defaults={"value": value}
    )
    old = None if created else target.value
    target.value = value
    target.save()
    record(
        council=council,
        actor=actor,
        action="programme.kpi_target_set",
        target=target,
        summary=f"Target for {key}: {old if old is not None else 'default'} → {value:g}",
        changes={"value": [old, value]},
    )
    return target
