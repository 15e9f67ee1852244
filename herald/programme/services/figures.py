"""Monthly figures Herald cannot measure itself (followers, registration drives, live-stream
views), entered one at a time or as a CSV; a CSV is checked whole before anything is saved."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.programme.models import RecordedFigure

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

CSV_COLUMNS = ("kind", "month", "account", "value")
MAX_ROWS = 5000


class BadFigure(DomainError):
    code = "bad_figure"


@dataclass(frozen=True)
class FigureRow:
    kind: str
    month: datetime.date
    account: SocialAccount | None
    value: int


def _save(council: Council, row: FigureRow, note: str) -> RecordedFigure:
    figure, _ = RecordedFigure.objects.update_or_create(
        council=council,
        kind=row.kind,
        month=row.month,
        account=row.account,
        defaults={"value": row.value, "note": note},
    )
    return figure


@transaction.atomic
def record_figure(
    *,
    council: Council,
    kind: str,
    month: datetime.date,
    value: int,
    actor: Actor,
    account: SocialAccount | None = None,
    note: str = "",
) -> RecordedFigure:
    """Set one month's figure (replacing any recorded before); audited with the old value."""
    if kind not in RecordedFigure.Kind.values:
        raise BadFigure("Choose what the figure counts.")
    if value < 0:
        raise BadFigure("A figure cannot be negative.")
    if account is not None and account.council_id != council.pk:
        raise BadFigure("Choose one of this council's accounts.")
    old = council.programme_figures.filter(
        kind=kind, month=month.replace(day=1), account=account
    ).first()
    figure = _save(council, FigureRow(kind, month.replace(day=1), account, value), note.strip())
    record(
        council=council,
        actor=actor,
        action="programme.figure_recorded",
        target=figure,
        summary=f"Recorded {figure}",
        changes={"value": [old.value if old else None, value]},
    )
    return figure


def _parse_row(council: Council, number: int, row: dict[str, str]) -> FigureRow:
    kind = (row.get("kind") or "").strip()
    if kind not in RecordedFigure.Kind.values:
        raise BadFigure(
            f"Row {number}: kind must be one of {', '.join(RecordedFigure.Kind.values)}."
        )
    try:
        month = datetime.datetime.strptime((row.get("month") or "").strip(), "%Y-%m").date()
        value = int((row.get("value") or "").replace(",", "").strip())
    except ValueError:
        raise BadFigure(
            f"Row {number}: month must look like 2026-03 and value a whole number."
        ) from None
    if value < 0:
        raise BadFigure(f"Row {number}: a figure cannot be negative.")
    handle = (row.get("account") or "").strip().lstrip("@")
    account = None
    if handle:
        account = council.social_accounts.filter(handle__iexact=handle).first()
        if account is None:
            raise BadFigure(
                f"Row {number}: no account with the handle {handle} is in the register."
            )
    return FigureRow(kind, month, account, value)


@transaction.atomic
def import_figures(*, council: Council, text: str, actor: Actor) -> int:
    """Every row checked first; one bad row and nothing is saved. Returns how many were saved."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or not set(CSV_COLUMNS) <= {f.strip() for f in reader.fieldnames}:
        raise BadFigure(f"The first line must name the columns: {', '.join(CSV_COLUMNS)}.")
    rows = [_parse_row(council, n, r) for n, r in enumerate(reader, start=2)]
    if not rows:
        raise BadFigure("The file has no figures in it.")
    if len(rows) > MAX_ROWS:
        raise BadFigure(f"At most {MAX_ROWS:,} rows at a time.")
    for row in rows:
        _save(council, row, "Imported from CSV")
    record(
        council=council,
        actor=actor,
        action="programme.figures_imported",
        summary=f"Imported {len(rows):,} monthly figures from CSV",
    )
    return len(rows)
