"""``herald listening_import FILE --council SLUG --source NAME``: import another tool's export
(CSV, a JSON array or JSON lines) into an import source, one JSON line per row on stdout and a
summary line last."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.listening.ingest.imports import ImportFileInvalid, import_rows, read_rows
from herald.listening.models import Source
from herald.listening.services.sources import create_source


class Command(BaseCommand):
    help = "Import mentions exported from another listening tool (CSV or JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--council", metavar="SLUG", required=True)
        parser.add_argument(
            "--source",
            metavar="NAME",
            required=True,
            help="The import source (made if the council has none by this name)",
        )
        parser.add_argument(
            "--network", default="import", help="The network the export came from, for a new source"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"No council with the slug {options['council']!r}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        source = council.listening_sources.filter(name=options["source"]).first()
        if source is None:
            source = create_source(
                council=council,
                kind=Source.Kind.IMPORT,
                name=options["source"],
                actor=SYSTEM,
                config={"network": options["network"]},
            )
        totals: Counter[str] = Counter()
        try:
            for report in import_rows(
                source=source, rows=read_rows(path.read_bytes(), name=path.name)
            ):
                totals[report.status] += 1
                self.stdout.write(json.dumps(report.as_dict()))
        except ImportFileInvalid as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps({"summary": True, "source": source.name, **totals}))
