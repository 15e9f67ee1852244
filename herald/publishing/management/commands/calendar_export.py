"""``herald calendar_export --council SLUG [--from DATE --to DATE] > calendar.csv``: the content
calendar as CSV, one row per post and account (this month by default)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.councils.selectors import council_by_slug
from herald.publishing.calendar import csvio, dates


def _day(text: str | None, name: str) -> datetime.date | None:
    if not text:
        return None
    found = dates.parse_day(text)
    if found is None:
        raise CommandError(f"--{name} must be a date like 2027-03-14")
    return found


class Command(BaseCommand):
    help = "Write the council's content calendar as CSV (one row per post and account)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", metavar="SLUG", required=True)
        parser.add_argument("--from", dest="first", metavar="DATE", help="First day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="last", metavar="DATE", help="Last day, inclusive")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council has the slug {options['council']!r}")
        first = _day(options.get("first"), "from") or dates.month_start(dates.today())
        last = _day(options.get("last"), "to") or first.replace(day=dates.days_in_month(first))
        if last < first:
            raise CommandError("--to must be on or after --from")
        self.stdout.write(csvio.export_csv(council=council, first=first, last=last), ending="")
