"""``herald inbox_training_export [--council SLUG] FILE``: the inbox's assignment history as a
text,label CSV for ``herald train_router`` ("-" writes to standard output)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.councils.selectors import council_by_slug
from herald.inbox.training import training_rows


class Command(BaseCommand):
    help = "Write the inbox's routing decisions by people as text,label CSV for train_router."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help='Where to write the CSV ("-": stdout)')
        parser.add_argument("--council", metavar="SLUG", help="Only this council's decisions")

    def handle(self, *args: Any, **options: Any) -> None:
        council = None
        if options.get("council"):
            council = council_by_slug(slug=options["council"])
            if council is None:
                raise CommandError(f"No active council has the slug {options['council']!r}")
        path = options["file"]
        if path == "-":
            written = _write(sys.stdout, council)
        else:
            try:
                with Path(path).open("w", newline="", encoding="utf-8") as out:
                    written = _write(out, council)
            except OSError as error:
                raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stderr.write(f"{written} examples written")


def _write(out: Any, council: Any) -> int:
    writer = csv.writer(out)
    writer.writerow(["text", "label"])
    written = 0
    for text, label in training_rows(council=council):
        writer.writerow([text, label])
        written += 1
    return written
