"""Reads of the programme's own data, always from inside one council."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet, Sum
from django.http import Http404

from herald.councils.roles import Role
from herald.programme.models import (
    BudgetLine,
    FeedToken,
    Phase,
    RecordedFigure,
    Report,
    ShortLink,
    SpendEntry,
    Task,
    UnitCost,
)

if TYPE_CHECKING:
    from herald.councils.models import Council

# The digital team runs the programme; the council's administrators may too. The committee and
# senior leaders read what is reported to them.
EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
READERS = (*EDITORS, Role.COMMITTEE_MEMBER)

# Published Socitm benchmarks (about 200 councils), in pence per contact: the council's to change.
DEFAULT_UNIT_COSTS = {
    UnitCost.Channel.FACE_TO_FACE: 862,
    UnitCost.Channel.PHONE: 283,
    UnitCost.Channel.WEB: 15,
    # Socitm gives no social media figure: until the council sets its own, a reply on social media
    # is costed like a web contact.
    UnitCost.Channel.SOCIAL: 15,
}
DEFAULT_SOURCE = "Socitm benchmark (default)"


def _get_or_404[M: Model](queryset: QuerySet[M], public_id: UUID | str) -> M:
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):  # type: ignore[attr-defined]
        raise Http404 from None


def phases(*, council: Council) -> QuerySet[Phase]:
    return council.programme_phases.prefetch_related("tasks")


def phase(*, council: Council, public_id: UUID | str) -> Phase:
    return _get_or_404(council.programme_phases.all(), public_id)


def tasks(*, council: Council) -> QuerySet[Task]:
    return council.programme_tasks.select_related("phase", "owner").prefetch_related("depends_on")


def task(*, council: Council, public_id: UUID | str) -> Task:
    return _get_or_404(tasks(council=council), public_id)


def unit_costs(*, council: Council) -> dict[str, tuple[int, str]]:
    """{channel: (pence, source)}: the council's own figures over the defaults."""
    costs = {
        channel.value: (pence, DEFAULT_SOURCE) for channel, pence in DEFAULT_UNIT_COSTS.items()
    }
    for row in council.programme_unit_costs.all():
        costs[row.channel] = (row.pence, row.source or "Set by the council")
    return costs


def kpi_targets(*, council: Council) -> dict[str, float]:
    """{KPI key: the council's own target} where it has set one."""
    return dict(council.programme_kpi_targets.values_list("key", "value"))


def budgets(*, council: Council) -> QuerySet[BudgetLine]:
    return council.programme_budgets.annotate(spent=Sum("spend__amount_pence"))


def budget(*, council: Council, public_id: UUID | str) -> BudgetLine:
    return _get_or_404(council.programme_budgets.all(), public_id)


def spend(*, council: Council) -> QuerySet[SpendEntry]:
    return council.programme_spend.select_related("budget")


def spend_between(*, council: Council, start: datetime.date, end: datetime.date) -> int:
    total = council.programme_spend.filter(spent_on__gte=start, spent_on__lte=end).aggregate(
        t=Sum("amount_pence")
    )["t"]
    return int(total or 0)


def links(*, council: Council) -> QuerySet[ShortLink]:
    return council.programme_links.select_related("service").annotate(
        clicks=Sum("click_days__clicks")
    )


def link(*, council: Council, public_id: UUID | str) -> ShortLink:
    return _get_or_404(council.programme_links.all(), public_id)


def followable_link(*, code: str) -> ShortLink | None:
    """The live link with this code, whichever council's it is: the code is the public key."""
    return ShortLink.objects.filter(code=code, is_active=True, council__is_active=True).first()


def clicks_by_month(
    *, council: Council, start: datetime.date, end: datetime.date
) -> dict[datetime.date, int]:
    """Clicks on the council's short links per month in [start, end]."""
    out: dict[datetime.date, int] = {}
    rows = (
        council.programme_links.filter(click_days__day__gte=start, click_days__day__lte=end)
        .values_list("click_days__day", "click_days__clicks")
        .order_by()
    )
    for day, clicks in rows:
        month = day.replace(day=1)
        out[month] = out.get(month, 0) + clicks
    return out


def figures(*, council: Council, kind: str = "") -> QuerySet[RecordedFigure]:
    found = council.programme_figures.select_related("account")
    return found.filter(kind=kind) if kind else found


def figures_by_month(
    *, council: Council, kind: str, start: datetime.date, end: datetime.date
) -> dict[datetime.date, int]:
    """{month: the kind's figures added up across accounts} for months in [start, end]."""
    rows = (
        council.programme_figures.filter(kind=kind, month__gte=start.replace(day=1), month__lte=end)
        .values("month")
        .annotate(v=Sum("value"))
        .values_list("month", "v")
    )
    return {month: int(v) for month, v in rows}


def reports(*, council: Council) -> QuerySet[Report]:
    return council.programme_reports.defer("final_html", "final_pdf")


def report(*, council: Council, public_id: UUID | str) -> Report:
    return _get_or_404(council.programme_reports.all(), public_id)


def feed_tokens(*, council: Council) -> QuerySet[FeedToken]:
    return council.programme_feed_tokens.all()


def feed_token(*, council: Council, public_id: UUID | str) -> FeedToken:
    return _get_or_404(council.programme_feed_tokens.all(), public_id)
