"""``herald import_staff``: apply an HR system's staff CSV to one council (docs/staff-import.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import Actor
from herald.councils.selectors import council_by_slug
from herald.people.services import import_staff

COMMAND_LINE = Actor(user=None, label="Operator (command line)")


class Command(BaseCommand):
    help = (
        "Import staff from an HR CSV file into one council. Prints one JSON line per problem, "
        "then a JSON summary; exits non-zero, changing nothing, if the file has any problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="The council's slug.")
        parser.add_argument("file", type=Path, help="The CSV file exported from the HR system.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; change nothing."
        )
        parser.add_argument(
            "--mark-missing-as-leavers",
            action="store_true",
            help="Give current staff who are not in the file a leaving date of today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council with the slug {options['council']!r}.")
        try:
            content = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        result = import_staff(
            council=council,
            content=content,
            actor=COMMAND_LINE,
            dry_run=options["dry_run"],
            mark_missing_as_leavers=options["mark_missing_as_leavers"],
        )
        for problem in result.errors:
            line = {"row": problem.row, "column": problem.column, "message": problem.message}
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        summary = {"council": council.slug, "dry_run": options["dry_run"], **result.counts}
        summary |= {"applied": result.applied, "errors": len(result.errors)}
        self.stdout.write(json.dumps(summary))
        if result.errors:
            raise CommandError(
                f"The file has {len(result.errors)} problem(s), so nothing was changed."
            )
