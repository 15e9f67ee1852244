"""The KPIs for the Strategy's three aims (report ¶17), each with its definition, target and
monthly trend, computed for a period from the other contexts' own data and the programme's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.programme.kpis.base import Aim, Kpi, Unit, show
from herald.programme.kpis.participation import participation_kpis
from herald.programme.kpis.reputation import reputation_kpis
from herald.programme.kpis.value import inbox_months, value_kpis

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.programme.periods import Period

__all__ = ["Aim", "Kpi", "Unit", "all_kpis", "show"]


def all_kpis(*, council: Council, period: Period) -> list[Kpi]:
    """Every KPI for ``period``, in the order of the aims."""
    months = inbox_months(council=council, period=period)
    return [
        *value_kpis(council=council, period=period, inbox_months=months),
        *reputation_kpis(council=council, period=period, inbox_months=months),
        *participation_kpis(council=council, period=period),
    ]
