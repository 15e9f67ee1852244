"""``herald export_staff``: one council's staff in the import format, so a round trip is a no-op."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.councils.selectors import council_by_slug
from herald.people.importing import COLUMNS, escape_cell, staff_records
from herald.people.selectors import staff_for_export


class Command(BaseCommand):
    help = "Write a council's staff, leavers included, as the CSV that import_staff reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="The council's slug.")
        parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council with the slug {options['council']!r}.")
        staff = staff_for_export(council=council).iterator(chunk_size=2000)
        records = staff_records(staff=staff)
        if options["format"] == "jsonl":
            for record in records:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({column: escape_cell(value) for column, value in record.items()})
